// Which web pages may open the API's WebSocket. A browser sends the page's Origin with every WebSocket upgrade and,
// unlike fetch, does not enforce CORS on it: without this check any site the trader visits could try the token on
// the host. Programs (scripts, bots) send no Origin and are judged by the token alone.
import type { IncomingMessage } from 'node:http';

const MAX_SHOWN = 200;

/** The origin as given, safe to put in a reason: bounded and printable. */
function shown(text: string): string {
  return text.slice(0, MAX_SHOWN).replace(/[^\x20-\x7e]/g, '?');
}

/** Same origin: the page's host and port are those the browser asked the host for (the Host header). */
function isSameOrigin(origin: URL, hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  try {
    // Parsed with the page's scheme, so an explicit default port (:443 for https) compares equal to none.
    return new URL(`${origin.protocol}//${hostHeader}`).host === origin.host;
  } catch {
    return false;
  }
}

/** Why the upgrade must be refused, or undefined when its origin may connect. */
export function originRefusal(request: IncomingMessage, allowedOrigins: ReadonlySet<string>): string | undefined {
  const origin = request.headers.origin;
  if (origin === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return `origin "${shown(origin)}" is not allowed to connect`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `origin "${shown(origin)}" is not allowed to connect`;
  if (isSameOrigin(url, request.headers.host) || allowedOrigins.has(url.origin)) return undefined;
  return `origin ${shown(url.origin)} is not allowed to connect: only pages served by this host, or origins given with --allowed-origin`;
}
