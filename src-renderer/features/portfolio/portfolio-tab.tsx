// The "Portfolio" tab under the chart: opens on the money of the mode in view (demo on the demo venue), live otherwise.
import type { WorkspaceTab } from '../workspace-tabs/workspace-tab';
import { PortfolioPanel } from './PortfolioPanel';

export const PORTFOLIO_TAB: WorkspaceTab = {
  id: 'portfolio',
  render: ({ venue }) => <PortfolioPanel key={venue?.id} initialView={venue?.id === 'demo' ? 'demo' : venue?.id === 'mt5' ? 'mt5' : 'live'} />,
};
