// English: the chart (status badge, legend, history progress, timeframes).
export default {
  timeframe: 'Timeframe',
  status: {
    live: 'live',
    stale: 'stale — no fresh data',
    reconnecting: 'reconnecting',
    offline: 'offline',
    failed: 'feed failed',
  },
  withDetail: '{{status}}: {{detail}}',
  connectionLost: 'connection to the app lost',
  offlineRetrying: 'offline — retrying',
  offlineRetryingIn: 'offline — retrying in {{seconds}} s',
  loading: 'Loading {{symbol}} {{timeframe}}…',
  retrying: 'Retrying…',
  retryNow: 'Retry now',
  historyProgress: 'Loading {{symbol}} {{timeframe}} history: {{loaded}} of {{target}} candles',
  chartLabel: '{{symbol}} {{timeframe}} candlestick chart',
  legend: 'O {{open}}  H {{high}}  L {{low}}  C {{close}}  V {{volume}}',
};
