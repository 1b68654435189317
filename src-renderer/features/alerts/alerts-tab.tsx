// The "Alerts" tab under the chart.
import type { WorkspaceTab } from '../workspace-tabs/tabs';
import { AlertsPanel } from './AlertsPanel';

export const ALERTS_TAB: WorkspaceTab = {
  id: 'alerts',
  label: 'Alerts',
  render: ({ preferences, market }) => <AlertsPanel venue={preferences.venue} market={market} />,
};
