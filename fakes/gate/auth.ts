// Gate API v4 request signing, checked for real so that a wrong secret fails here exactly as it would at Gate:
// SIGN = hex HMAC-SHA512(secret, METHOD \n /api/v4/path \n query \n hex SHA512(body) \n Timestamp), with the
// KEY and Timestamp (Unix seconds) headers. Gate signs the query string without URL encoding ("Gate API v4 docs,
// APIv4 signed request requirements"), which is what ccxt's rawencode produces.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface GateCredentials {
  apiKey: string;
  secret: string;
}

/** What Gate answers when a signed request is refused: HTTP 401 and a label. */
export interface GateAuthFailure {
  label: 'MISSING_REQUIRED_HEADER' | 'INVALID_KEY' | 'INVALID_SIGNATURE' | 'REQUEST_EXPIRED';
  message: string;
}

export interface SignedRequest {
  method: string;
  /** URL path as received, e.g. `/api/v4/spot/orders`. */
  path: string;
  /** Query string as received, without `?`. */
  query: string;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** Gate refuses timestamps further than this from its clock. */
const MAX_SKEW_SECONDS = 60;

function header(headers: SignedRequest['headers'], name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The query string with every key and value percent-decoded, in the order received. */
function rawQuery(query: string): string {
  if (query === '') return '';
  return query
    .split('&')
    .map((pair) => pair.split('=').map((part) => decodeURIComponent(part.replace(/\+/g, ' '))).join('='))
    .join('&');
}

export function gateSignature(secret: string, method: string, path: string, query: string, body: string, timestamp: string): string {
  const bodyHash = createHash('sha512').update(body).digest('hex');
  const payload = [method.toUpperCase(), path, query, bodyHash, timestamp].join('\n');
  return createHmac('sha512', secret).update(payload).digest('hex');
}

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** undefined when the request is signed by `credentials`, else the failure Gate would report. */
export function verifyGateRequest(request: SignedRequest, credentials: GateCredentials, nowMs: number): GateAuthFailure | undefined {
  const key = header(request.headers, 'KEY');
  const timestamp = header(request.headers, 'Timestamp');
  const sign = header(request.headers, 'SIGN');
  if (key === undefined || timestamp === undefined || sign === undefined) {
    return { label: 'MISSING_REQUIRED_HEADER', message: 'Missing required header: KEY, Timestamp or SIGN' };
  }
  if (key !== credentials.apiKey) return { label: 'INVALID_KEY', message: 'Invalid key provided' };
  const seconds = Number(timestamp);
  if (!Number.isFinite(seconds) || Math.abs(nowMs / 1000 - seconds) > MAX_SKEW_SECONDS) {
    return { label: 'REQUEST_EXPIRED', message: 'Request timestamp expired' };
  }
  const expected = gateSignature(credentials.secret, request.method, request.path, rawQuery(request.query), request.body, timestamp);
  if (!sameHex(expected, sign)) return { label: 'INVALID_SIGNATURE', message: 'Signature mismatch' };
  return undefined;
}
