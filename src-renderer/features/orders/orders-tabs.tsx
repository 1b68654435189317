// The four tabs this feature puts under the chart, in the order a trader scans them.
import type { WorkspaceTab } from '../workspace-tabs/workspace-tab';
import { BalancesPanel } from './BalancesPanel';
import { OpenOrdersPanel } from './OpenOrdersPanel';
import { OrderHistoryPanel } from './OrderHistoryPanel';
import { TradesPanel } from './TradesPanel';

export const ORDER_TABS: WorkspaceTab[] = [
  {
    id: 'open-orders',
    render: ({ preferences }) => <OpenOrdersPanel venue={preferences.venue} symbol={preferences.symbol} />,
  },
  { id: 'order-history', render: ({ preferences }) => <OrderHistoryPanel venue={preferences.venue} /> },
  { id: 'trades', render: ({ preferences }) => <TradesPanel venue={preferences.venue} /> },
  { id: 'balances', render: ({ preferences, venue }) => <BalancesPanel venue={preferences.venue} summary={venue} /> },
];
