// Points a ccxt instance somewhere else: the venue's testnet, a regional endpoint, a proxy, a self-hosted gateway or
// a local fake. ccxt keeps its endpoints as a nested dictionary of absolute URLs (`ex.urls.api`); rewriting the
// origin of each keeps ccxt's own paths (`/api/v3`, `/api/v4`) intact, so the same real ccxt code runs unchanged.
import type { Exchange } from 'ccxt';
import { AppError } from '../../../src-shared';
import type { ExchangeConnectionOptions } from '../ports';

type UrlTree = string | { [key: string]: UrlTree };

const REST_ORIGIN = /^https?:\/\/[^/]+/;
const WS_ORIGIN = /^wss?:\/\/[^/]+/;

function rewrite(tree: UrlTree, origin: RegExp, base: string): UrlTree {
  if (typeof tree === 'string') return tree.replace(origin, base);
  return Object.fromEntries(Object.entries(tree).map(([key, value]) => [key, rewrite(value, origin, base)]));
}

/**
 * A base URL the trader typed, checked before anything is saved or sent: an absolute URL of the expected schemes,
 * returned without its trailing slash (ccxt's paths start with one). Query strings and fragments are refused: ccxt
 * appends paths, so they would end up in the middle of every URL.
 */
export function parseBaseUrl(value: string, schemes: readonly string[], what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AppError('INVALID_REQUEST', `${what} "${value}" is not a URL: write it like ${schemes[0]}://host:port`);
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (!schemes.includes(scheme)) {
    throw new AppError('INVALID_REQUEST', `${what} must start with ${schemes.map((s) => `${s}://`).join(' or ')}, not ${scheme}://`);
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new AppError('INVALID_REQUEST', `${what} must be a plain base URL, without query, fragment or credentials`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** Validates every URL of the options; throws INVALID_REQUEST naming the bad one. */
export function validateConnectionOptions(options: ExchangeConnectionOptions): void {
  if (options.restBaseUrl !== undefined) parseBaseUrl(options.restBaseUrl, ['https', 'http'], 'REST base URL');
  if (options.wsBaseUrl !== undefined) parseBaseUrl(options.wsBaseUrl, ['wss', 'ws'], 'WebSocket base URL');
}

/**
 * Sandbox first (ccxt swaps `urls.api` for `urls.test`), then the overrides, so that an override always wins. Also
 * used by src-main/streaming for ccxt.pro instances, whose `urls.api` holds the ws endpoints next to the REST ones.
 */
export function applyConnectionOptions(ex: Exchange, options: ExchangeConnectionOptions): void {
  if (options.sandbox) ex.setSandboxMode(true);
  let api = ex.urls.api as UrlTree;
  if (options.restBaseUrl !== undefined) {
    api = rewrite(api, REST_ORIGIN, parseBaseUrl(options.restBaseUrl, ['https', 'http'], 'REST base URL'));
  }
  if (options.wsBaseUrl !== undefined) {
    api = rewrite(api, WS_ORIGIN, parseBaseUrl(options.wsBaseUrl, ['wss', 'ws'], 'WebSocket base URL'));
  }
  ex.urls.api = api as Exchange['urls']['api'];
}
