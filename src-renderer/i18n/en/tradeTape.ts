// English: the tradeTape namespace. Keys are the source of truth: vi/tradeTape.ts must have the same ones (typed).
export default {
  region: 'Time and sales',
  title: 'Trades',
  notStreamed: 'not streamed',
  status: { live: 'live', stale: 'stale', reconnecting: 'reconnecting', offline: 'offline', failed: 'failed' },
  waiting: 'Waiting for trades…',
  price: 'Price ({{asset}})',
  amount: 'Amount ({{asset}})',
  time: 'Time',
};
