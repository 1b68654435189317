// Serves the built renderer on app://bundle/ (see app-location.ts for why not file://). Only files inside
// out/renderer are answered — a path that climbs out of it (../, an encoded %2e%2e, a backslash) is 404 — each with
// its content type, `nosniff`, and the page's Content-Security-Policy as a header (custom-scheme responses do not
// pass through the session's webRequest hooks, so the header is set here).
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Protocol } from 'electron';
import { contentTypeOf, CSP_HEADER_ONLY } from '../../src-shared';
import { APP_HOST, APP_SCHEME } from './app-location';

/** The scheme's privileges, for `protocol.registerSchemesAsPrivileged` before the app is ready. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  // standard: relative URLs and an origin like http's; secure: a secure context (as the host's https would be);
  // supportFetchAPI: the renderer's module scripts and assets load through it. No CORS bypass, no service workers.
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/** The answer to one app:// request: a file of `root`, or 404. Pure Node, so the tests run it without Electron. */
export async function bundleResponse(url: string, root: string, contentSecurityPolicy: string): Promise<Response> {
  let path: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return notFound();
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return notFound();
  }
  if (path.includes('\0') || path.includes('\\')) return notFound();
  const base = resolve(root);
  const file = resolve(base, `.${path === '/' ? '/index.html' : path}`);
  const inside = relative(base, file);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return notFound();
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return notFound();
  }
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: {
      'content-type': contentTypeOf(extname(file)),
      'x-content-type-options': 'nosniff',
      'content-security-policy': `${contentSecurityPolicy}; ${CSP_HEADER_ONLY}`,
    },
  });
}

/** Answers app:// on a session's protocol from `root`. */
export function serveBundle(protocol: Pick<Protocol, 'handle'>, root: string, contentSecurityPolicy: string): void {
  protocol.handle(APP_SCHEME, (request) => bundleResponse(request.url, root, contentSecurityPolicy));
}
