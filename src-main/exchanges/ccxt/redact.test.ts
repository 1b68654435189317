// Scrubbing venue errors: the same URLs, values and secrets as the regex it replaced (compared on short texts, where
// that regex is fast), and bounded output on megabyte bodies built from the runs that made the regex backtrack.
// Timing is measured by `npm run bench -- redact`, not here.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_REDACTED_LENGTH, redact } from './redact';
import { regexRedact } from './testing/regex-redact';

const KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
const SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';
const SIGNED_URL = 'https://api.binance.com/api/v3/order?symbol=BTCUSDT&timestamp=1700000000000&signature=c0ffee00deadbeef';
const SIZE = 1024 * 1024;

/** Pieces that exercise every branch of the scan: schemes, boundaries, separators, stops and signed names. */
const PIECE = fc.constantFrom(
  'a', 'Z', '1', '_', '.', '+', '-', ':', '/', '//', '://', '?', '#', '"', "'", ' ', '\n', '\u00a0', '=', '&',
  'https', 'x', 'signature=', 'apiKey=', 'api_key=', 'timestamp=', 'sign=', 'symbol=BTC', KEY.slice(0, 12),
);
const TEXT = fc.array(PIECE, { maxLength: 40 }).map((pieces) => pieces.join(''));

/** Runs of the characters the regex struggled with, and a few ordinary bodies, each about `size` long. */
function adversarialBodies(size: number): Record<string, string> {
  const fill = (unit: string) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  return {
    'scheme characters with boundaries': fill('a.'),
    'scheme characters (+ and -)': fill('b+1-'),
    'schemes without a query': fill('a://'),
    'one URL without a query': `http://${fill('p')}`,
    'one URL with a huge signed query': `https://x.test/p?${fill('q=1&')}signature=ff`,
    'URLs with queries': fill('ws://h/p?a=b '),
    'signed values': fill('signature='),
    'a JSON error body': `{"code":-1021,"msg":"${fill('Timestamp for this request is outside of the recvWindow. ')}"}`,
  };
}

describe('redact', () => {
  it('drops signed query strings and the values of signed fields, and keeps plain URLs', () => {
    expect(redact(`GET ${SIGNED_URL} failed`)).toBe('GET https://api.binance.com/api/v3/order?[redacted] failed');
    expect(redact('GET https://api.gateio.ws/api/v4/spot/tickers?currency_pair=BTC_USDT failed')).toBe(
      'GET https://api.gateio.ws/api/v4/spot/tickers?currency_pair=BTC_USDT failed',
    );
    expect(redact('body symbol=BTCUSDT&signature=deadbeef&apiKey=abc')).toBe('body symbol=BTCUSDT&signature=[redacted]&apiKey=[redacted]');
    expect(redact(`key ${KEY} and short abc`, [KEY, 'abc', undefined])).toBe('key [redacted] and short abc');
  });

  it('scrubs exactly what the regex it replaced scrubbed, on any short text', () => {
    fc.assert(
      fc.property(TEXT, fc.subarray([KEY.slice(0, 12), 'https', 'signature=', 'ab']), (text, secrets) => {
        expect(redact(text, secrets)).toBe(regexRedact(text, secrets));
      }),
      { numRuns: 3_000 },
    );
  });

  it.each(Object.entries(adversarialBodies(SIZE)))('cuts a 1 MB body (%s) to a bounded, scrubbed text', (_shape, body) => {
    const text = `binance POST ${SIGNED_URL} key=${KEY} ${body} secret ${SECRET}`;
    const out = redact(text, [KEY, SECRET]);
    expect(out.length).toBeLessThanOrEqual(MAX_REDACTED_LENGTH + 100);
    expect(out).toMatch(new RegExp(`… \\(${text.length - MAX_REDACTED_LENGTH} more characters cut\\)$`));
    expect(out.startsWith('binance POST https://api.binance.com/api/v3/order?[redacted] key=[redacted] ')).toBe(true);
    for (const leak of ['c0ffee00deadbeef', KEY.slice(0, 8), SECRET.slice(0, 8)]) expect(out).not.toContain(leak);
    // Whatever survives the cut reads as the scrubbed original: the text is cut, not rewritten.
    const kept = out.slice(0, out.lastIndexOf('…'));
    expect(regexRedact(text.slice(0, MAX_REDACTED_LENGTH), [KEY, SECRET])).toBe(kept);
  });

  it('moves the cut past a secret that would be split by it, so no half of a key is shown', () => {
    for (const offset of [1, 10, KEY.length - 1]) {
      const text = `${'x'.repeat(MAX_REDACTED_LENGTH - offset)}${KEY}${'y'.repeat(SIZE)}`;
      // Everything up to the key's end is kept (the key itself redacted); the 1 MB after it is cut.
      expect(redact(text, [KEY])).toBe(`${'x'.repeat(MAX_REDACTED_LENGTH - offset)}[redacted]… (${SIZE} more characters cut)`);
    }
  });
});
