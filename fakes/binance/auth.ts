// Binance's SIGNED endpoint security, checked for real: X-MBX-APIKEY names the key, `signature` is HMAC-SHA256
// (hex) of totalParams with the key's secret, where totalParams is the query string concatenated with the request
// body, both without the signature itself; `timestamp` must be within `recvWindow` (default 5000 ms) of the server.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FakeRequest, FakeResponse } from '../venue-kit/http';

export interface FakeAccountKey {
  apiKey: string;
  secret: string;
}

const withoutSignature = (raw: string) => raw.replace(/(^|&)signature=[^&]*/, '');

const binanceError = (status: number, code: number, msg: string): FakeResponse => ({ status, body: { code, msg } });

/** The key whose signature checks out, or the error Binance sends instead. */
export function verifySigned(
  req: FakeRequest,
  keys: ReadonlyMap<string, FakeAccountKey>,
  now: number,
): { key: FakeAccountKey } | { error: FakeResponse } {
  const header = req.headers['x-mbx-apikey'];
  const apiKey = Array.isArray(header) ? header[0] : header;
  if (!apiKey) return { error: binanceError(401, -2014, 'API-key format invalid.') };
  const key = keys.get(apiKey);
  if (!key) return { error: binanceError(401, -2015, 'Invalid API-key, IP, or permissions for action.') };
  const signature = req.params.signature;
  const timestamp = Number(req.params.timestamp);
  if (!signature) return { error: binanceError(400, -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.") };
  if (!Number.isFinite(timestamp)) return { error: binanceError(400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.") };
  const recvWindow = Number(req.params.recvWindow ?? 5000);
  if (timestamp > now + 1000 || now - timestamp > recvWindow) {
    return { error: binanceError(400, -1021, 'Timestamp for this request is outside of the recvWindow.') };
  }
  const totalParams = withoutSignature(req.rawQuery) + withoutSignature(req.rawBody);
  const expected = createHmac('sha256', key.secret).update(totalParams).digest();
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { error: binanceError(400, -1022, 'Signature for this request is not valid.') };
  }
  return { key };
}
