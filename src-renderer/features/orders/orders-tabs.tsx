// The four tabs this feature puts under the chart, in the order a trader scans them.
import type { WorkspaceTab } from '../workspace-tabs/workspace-tab';
import { BalancesPanel } from './BalancesPanel';
import { OpenOrdersPanel } from './OpenOrdersPanel';
import { OrderHistoryPanel } from './OrderHistoryPanel';
import { TradesPanel } from './TradesPanel';

export const ORDER_TABS: WorkspaceTab[] = [
  {
    id: 'open-orders',
    label: 'Open orders',
    render: ({ preferences }) => <OpenOrdersPanel venue={preferences.venue} symbol={preferences.symbol} />,
  },
  { id: 'order-history', label: 'Order history', render: ({ preferences }) => <OrderHistoryPanel venue={preferences.venue} /> },
  { id: 'trades', label: 'Trades', render: ({ preferences }) => <TradesPanel venue={preferences.venue} /> },
  { id: 'balances', label: 'Balances', render: ({ preferences, venue }) => <BalancesPanel venue={preferences.venue} summary={venue} /> },
];
