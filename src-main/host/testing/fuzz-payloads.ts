// Random and boundary requests for the API fuzz test (../api-fuzz.test.ts). Each channel gets frames built from a
// valid sample request when one is known here (so that mutations reach the service, not only the schema), and
// generic garbage otherwise: a channel added to the contract without a sample is still fuzzed.
import fc from 'fast-check';
import { contract, type Channel } from '../../../src-shared';

/** The closed local port every outward address is pointed at: whatever a fuzzed request configures stays on 127.0.0.1. */
export const CLOSED_PORT = 9;

const ORDER = { venue: 'demo', mode: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.01, price: 20_000 };

/** One valid request per channel, where there is one worth mutating. */
export const SAMPLES: Partial<Record<Channel, Record<string, unknown>>> = {
  'market:markets': { venue: 'demo' },
  'market:ticker': { venue: 'demo', symbol: 'BTC/USDT' },
  'market:candles': { venue: 'demo', symbol: 'BTC/USDT', timeframe: '1m', limit: 50, before: 1_700_000_000_000 },
  'market:subscribe': { venue: 'demo', symbol: 'BTC/USDT', timeframe: '1m' },
  'market:subscribe-trades': { venue: 'demo', symbol: 'BTC/USDT' },
  'market:subscribe-ticker': { venue: 'demo', symbol: 'BTC/USDT' },
  'market:unsubscribe': { subscriptionId: 'sub-1' },
  'settings:update': { venue: 'demo', symbol: 'BTC/USDT', timeframe: '5m', theme: 'light', palette: 'blue-orange', timeZone: 'utc' },
  'accounts:add': {
    venue: 'binance',
    label: 'main',
    apiKey: 'key-123',
    secret: 'secret-456',
    password: '',
    sandbox: true,
    restBaseUrl: `http://127.0.0.1:${CLOSED_PORT}`,
    wsBaseUrl: `ws://127.0.0.1:${CLOSED_PORT}`,
  },
  'accounts:test': { id: 'binance' },
  'accounts:remove': { id: 'binance' },
  'providers:set-priority': { priority: ['yahoo', 'demo', 'coinmarketcap'] },
  'providers:set-key': { provider: 'polygon', apiKey: 'fuzz-key' },
  'providers:remove-key': { provider: 'polygon' },
  'providers:quote': { symbol: 'BTC/USDT' },
  'providers:compare': { symbol: 'BTC/USDT' },
  'providers:candles': { symbol: 'BTC/USDT', timeframe: '1h', limit: 10 },
  'orders:place': ORDER,
  'orders:cancel': { clientOrderId: 'c-1' },
  'orders:cancel-all': { venue: 'demo', mode: 'demo', symbol: 'BTC/USDT' },
  'orders:check': { clientOrderId: 'c-1' },
  'orders:list': { scope: 'history', venue: 'demo', mode: 'demo', limit: 10 },
  'orders:trades': { venue: 'demo', mode: 'demo', symbol: 'BTC/USDT', limit: 10 },
  'orders:balances': { venue: 'demo', mode: 'demo' },
  'risk:update-settings': {
    global: { maxOrderNotional: 1_000_000, maxOpenOrders: 50, allowedSymbols: ['BTC/USDT'] },
    accounts: { demo: { maxDailyLoss: 500 } },
    dailyResetUtc: '00:00',
    warnAtPct: 80,
  },
  'risk:engage-kill-switch': { reason: 'fuzz' },
  'risk:log': { limit: 10 },
  'alerts:create': { venue: 'demo', symbol: 'BTC/USDT', kind: 'above', threshold: 1e9, note: 'fuzz' },
  'alerts:update': { id: 'a-1', kind: 'change-pct', threshold: 5, windowMinutes: 15, note: 'n', paused: false },
  'alerts:pause': { id: 'a-1', paused: true },
  'alerts:delete': { id: 'a-1' },
  'alerts:history': { ruleId: 'a-1', limit: 5 },
  'notifications:update': {
    desktop: { enabled: true },
    email: { enabled: true, host: '127.0.0.1', port: CLOSED_PORT, security: 'none', user: 'u', from: 'a@example.test', to: 'b@example.test' },
    quietHours: { enabled: false, start: '22:00', end: '07:00', timeZone: 'UTC' },
  },
  'notifications:set-secret': { secret: 'smtp-password', value: 'pw' },
  'notifications:remove-secret': { secret: 'twilio-auth-token' },
  'notifications:test': { channel: 'desktop' },
  'notifications:log': { limit: 10 },
};

export const HUGE_STRING = 'x'.repeat(1_000_000);

function deep(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = { a: value };
  return value;
}

/** Values that break naive code: wrong types, extremes of number, odd text, prototype keys, deep objects. */
const BOUNDARY: unknown[] = [
  null,
  true,
  0,
  -1,
  -1e308,
  1e308,
  5e-324,
  Number.MAX_SAFE_INTEGER + 2,
  0.1 + 0.2,
  '',
  ' ',
  '\u0000',
  '🚀📈 ₿',
  'שלום עולם',
  '\ud800',
  'e\u0301\u202e',
  '../../etc/passwd',
  "'; DROP TABLE orders; --",
  '<img src=x onerror=alert(1)>',
  '__proto__',
  'x'.repeat(10_000),
  [],
  [null, 1, 'a'],
  {},
  { __proto__: { polluted: true } },
  JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
  { constructor: { prototype: { polluted: true } } },
  deep(500),
];

type Path = Array<string | number>;

function leafPaths(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return prefix.length > 0 ? [prefix] : [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  const paths = entries.flatMap(([key, child]) => leafPaths(child, [...prefix, key]));
  return prefix.length > 0 ? [prefix, ...paths] : paths;
}

function setAt(root: unknown, path: Path, value: unknown, remove = false): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (remove) delete node[last];
  else node[last] = value;
  return copy;
}

/** Every number of `value` replaced by what `replace` gives (a random double, a negative, an extreme). */
function mapNumbers(value: unknown, replace: () => unknown): unknown {
  if (typeof value === 'number') return replace();
  if (Array.isArray(value)) return value.map((v) => mapNumbers(v, replace));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapNumbers(v, replace)]));
  return value;
}

function payloadArbitrary(sample: Record<string, unknown> | undefined): fc.Arbitrary<unknown> {
  const garbage = fc.oneof(fc.constantFrom(...BOUNDARY), fc.anything({ maxDepth: 3, maxKeys: 6 }), fc.string({ unit: 'grapheme' }), fc.double());
  const generic = [
    { weight: 2, arbitrary: fc.anything({ maxDepth: 3, maxKeys: 6 }) },
    { weight: 1, arbitrary: fc.constantFrom(...BOUNDARY) },
    { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 12 }), garbage, { maxKeys: 5 }) },
  ];
  if (!sample) return fc.oneof(...generic);
  const paths = leafPaths(sample);
  return fc.oneof(
    ...generic,
    // One field (or a nested one) set to a wrong type, an extreme, odd text...
    { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...paths), garbage).map(([path, value]) => setAt(sample, path, value)) },
    // ...or missing...
    { weight: 2, arbitrary: fc.constantFrom(...paths).map((path) => setAt(sample, path, undefined, true)) },
    // ...or one field too many.
    { weight: 1, arbitrary: fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), garbage).map(([key, value]) => ({ ...sample, [key]: value })) },
    // Every number random (NaN, ±Infinity and -0 become null or 0 in JSON: the raw frames carry them as text).
    { weight: 2, arbitrary: fc.double().map((d) => mapNumbers(sample, () => d)) },
    { weight: 1, arbitrary: fc.constantFrom(-1, -0.000001, 0, 1e308, -1e308, 1e-300).map((n) => mapNumbers(sample, () => n)) },
    // The valid sample itself, unicode-laden strings in it, or the sample repeated with a huge string.
    { weight: 1, arbitrary: fc.constant(sample) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...paths), fc.string({ unit: 'grapheme', maxLength: 40 })).map(([path, text]) => setAt(sample, path, text)) },
  );
}

/**
 * Keeps a request that would pass the schema from reaching beyond this machine: addresses it configures (an account's
 * endpoints, the SMTP host) are moved to a closed port on 127.0.0.1. Invalid requests are sent as generated.
 */
export function keepLocal(channel: Channel, payload: unknown): unknown {
  if (payload === null || typeof payload !== 'object' || !contract[channel].req.safeParse(payload).success) return payload;
  const local = structuredClone(payload) as Record<string, unknown>;
  if (channel === 'accounts:add') {
    local.restBaseUrl = `http://127.0.0.1:${CLOSED_PORT}`;
    local.wsBaseUrl = `ws://127.0.0.1:${CLOSED_PORT}`;
  }
  const email = local.email as Record<string, unknown> | undefined;
  if (channel === 'notifications:update' && email && typeof email === 'object') {
    email.host = '127.0.0.1';
    email.port = CLOSED_PORT;
  }
  return local;
}

/** What one fuzz request is: a payload to send in a normal frame, or a raw text frame. */
export type FuzzCase = { kind: 'payload'; payload: unknown } | { kind: 'raw'; text: (id: number) => string; expectsId: boolean };

/** Text JSON cannot produce: NaN, Infinity, 1e999 (which JSON.parse reads as Infinity), broken or deep frames. */
function rawCases(channel: Channel, sample: Record<string, unknown> | undefined): FuzzCase[] {
  const base = JSON.stringify(sample ?? { amount: 1 });
  // The sample's first number replaced, or a numeric field added where it has none.
  const withNumber = (literal: string): string =>
    /":-?\d/.test(base) ? base.replace(/(":)(-?\d[\d.eE+-]*)/, `$1${literal}`) : base.replace(/^\{/, `{"amount":${literal}${base === '{}' ? '' : ','}`);
  const frame = (payload: string) => (id: number) => `{"type":"req","id":${id},"channel":${JSON.stringify(channel)},"payload":${payload}}`;
  return [
    // Not JSON: answered BAD_FRAME without an id.
    { kind: 'raw', text: frame(withNumber('NaN')), expectsId: false },
    { kind: 'raw', text: frame(withNumber('Infinity')), expectsId: false },
    { kind: 'raw', text: frame(withNumber('-Infinity')), expectsId: false },
    { kind: 'raw', text: frame('NaN'), expectsId: false },
    { kind: 'raw', text: (id) => frame(base)(id).slice(0, -3), expectsId: false },
    // JSON that stretches it: overflowing numbers, -0, a key twice, a payload nested 20,000 deep.
    { kind: 'raw', text: frame(withNumber('1e999')), expectsId: true },
    { kind: 'raw', text: frame(withNumber('-1e999')), expectsId: true },
    { kind: 'raw', text: frame(withNumber('-0')), expectsId: true },
    { kind: 'raw', text: frame(base.replace(/^\{/, '{"venue":"nasdaq",')), expectsId: true },
    { kind: 'raw', text: frame(`${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`), expectsId: true },
  ];
}

export const CASES_PER_CHANNEL = 200;

/** The channel's 200 cases, the same for the same seed. */
export function fuzzCases(channel: Channel, seed: number): FuzzCase[] {
  const sample = SAMPLES[channel];
  const raw = rawCases(channel, sample);
  const huge: FuzzCase[] = [
    { kind: 'payload', payload: HUGE_STRING },
    { kind: 'payload', payload: sample ? setAt(sample, leafPaths(sample)[0]!, HUGE_STRING) : { text: HUGE_STRING } },
  ];
  const count = CASES_PER_CHANNEL - raw.length - huge.length;
  const random = fc.sample(payloadArbitrary(sample), { seed, numRuns: count }).map((payload): FuzzCase => ({ kind: 'payload', payload: keepLocal(channel, payload) }));
  return [...raw, ...huge, ...random];
}
