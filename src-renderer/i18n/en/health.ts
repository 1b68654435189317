// English: venue health (circuit breaker, rate budget, bans).
export default {
  region: 'Venue health',
  unavailable: 'Health unavailable: {{error}}',
  noneYet: 'No exchange has been called yet.',
  venueHealth: '{{venue}} health',
  working: 'Working',
  recovering: 'Recovering',
  recoveringDetail: 'The next request tests whether the venue is back.',
  paused: 'Paused after failures',
  pausedDetail: 'Requests failed repeatedly; the app tries again in {{wait}}.',
  banned: '{{name}} banned until {{time}} for too many requests. No requests are sent to {{name}} until then; orders there cannot be placed or cancelled from this app.',
  slowDown: '{{name}} asked the app to slow down; requests resume in {{wait}}.',
  budget: '{{id}}: {{used}} of {{limit}} used ({{percent}} %)',
};
