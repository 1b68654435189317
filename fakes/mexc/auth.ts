// MEXC spot v3 request signing, checked for real: signature = lowercase hex HMAC-SHA256(secret, totalParams), where
// totalParams is the query string (without `signature`) followed by the body; the key travels in X-MEXC-APIKEY; the
// request is refused when `timestamp` is outside `recvWindow` (spot v3 docs, "SIGNED", "Timing security").
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface MexcCredentials {
  apiKey: string;
  secret: string;
}

/** MEXC's error body for a refused signed request (sent with HTTP 400, or 401 for a missing key). */
export interface MexcAuthFailure {
  status: number;
  code: number;
  msg: string;
}

export interface SignedQuery {
  /** Query string as received, without `?`. */
  query: string;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** The documented ceiling of recvWindow. */
const MAX_RECV_WINDOW = 60_000;

export function mexcSignature(secret: string, totalParams: string): string {
  return createHmac('sha256', secret).update(totalParams).digest('hex');
}

function header(headers: SignedQuery['headers'], name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** undefined when the request is signed by `credentials` and fresh, else what MEXC would answer. */
export function verifyMexcRequest(request: SignedQuery, credentials: MexcCredentials, nowMs: number): MexcAuthFailure | undefined {
  const key = header(request.headers, 'X-MEXC-APIKEY');
  if (key === undefined) return { status: 401, code: 400, msg: 'api key required' };
  // What MEXC answers for a key it does not know (ccxt's table: 10072 "invalid access key").
  if (key !== credentials.apiKey) return { status: 400, code: 10072, msg: 'Api key info invalid' };
  const match = /^(.*?)&?signature=([0-9a-fA-F]+)(?:&|$)/.exec(request.query);
  if (!match) return { status: 400, code: 700002, msg: 'Signature for this request is not valid.' };
  const [, unsigned = '', signature = ''] = match;
  const params = new URLSearchParams(unsigned);
  const timestamp = Number(params.get('timestamp'));
  const recvWindow = Number(params.get('recvWindow') ?? 5000);
  if (!(recvWindow > 0) || recvWindow > MAX_RECV_WINDOW) return { status: 400, code: 700005, msg: 'recvWindow must less than 60000' };
  // The docs' rule: accept when timestamp < serverTime + 1000 and serverTime - timestamp <= recvWindow.
  if (!Number.isFinite(timestamp) || timestamp >= nowMs + 1000 || nowMs - timestamp > recvWindow) {
    return { status: 400, code: 700003, msg: 'Timestamp for this request is outside of the recvWindow.' };
  }
  const expected = Buffer.from(mexcSignature(credentials.secret, unsigned + request.body), 'utf8');
  const received = Buffer.from(signature, 'utf8');
  if (expected.length !== received.length || !timingSafeEqual(expected, received)) {
    return { status: 400, code: 700002, msg: 'Signature for this request is not valid.' };
  }
  return undefined;
}
