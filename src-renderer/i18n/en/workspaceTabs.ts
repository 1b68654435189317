// English: the tabs under the chart (by tab id) and the resizable layout.
export default {
  tabs: {
    'open-orders': 'Open orders',
    'order-history': 'Order history',
    trades: 'Trades',
    balances: 'Balances',
    positions: 'Positions',
    portfolio: 'Portfolio',
    alerts: 'Alerts',
    'notifications-log': 'Notifications log',
  },
  region: 'Orders, trades, balances and alerts',
  resizeColumns: 'Resize the chart and the ticket column',
  resizeRows: 'Resize the chart and the tabs',
};
