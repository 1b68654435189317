// The "Positions" tab under the chart: positions of every account, whichever venue the chart shows.
import type { WorkspaceTab } from '../workspace-tabs/workspace-tab';
import { PositionsPanel } from './PositionsPanel';

export const POSITIONS_TAB: WorkspaceTab = { id: 'positions', render: () => <PositionsPanel /> };
