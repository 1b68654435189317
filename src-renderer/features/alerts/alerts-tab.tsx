// The "Alerts" tab under the chart.
import type { WorkspaceTab } from '../workspace-tabs/workspace-tab';
import { AlertsPanel } from './AlertsPanel';

export const ALERTS_TAB: WorkspaceTab = {
  id: 'alerts',
  render: ({ preferences, market }) => <AlertsPanel venue={preferences.venue} market={market} />,
};
