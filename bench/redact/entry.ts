// What the redact benchmark drives: the scrubber every venue error goes through, and the regex it replaced (kept in
// the adapter's testing folder as the tests' specification) as the baseline.
export { redact } from '../../src-main/exchanges/ccxt/redact';
export { regexRedact } from '../../src-main/exchanges/ccxt/testing/regex-redact';
