// The "Notifications log" tab under the chart: the newest deliveries, live.
import type { WorkspaceTab } from '../workspace-tabs/workspace-tab';
import { DeliveryLog } from './DeliveryLog';

export const NOTIFICATIONS_LOG_TAB: WorkspaceTab = {
  id: 'notifications-log',
  render: () => <DeliveryLog limit={50} />,
};
