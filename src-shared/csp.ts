// The renderer's Content-Security-Policy, one definition for every place that sets it: the meta tag of index.html, the
// Electron session's and app:// responses' headers and the headless host's HTTP headers. Scripts only from the app
// itself, no eval, no inline script, no plugins, no framing; connections only back to the app (the host's WebSocket).
type Directives = Record<string, readonly string[]>;

const PRODUCTION: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

function serialize(directives: Directives): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

export const CONTENT_SECURITY_POLICY = serialize(PRODUCTION);

/** Directives that browsers honour only as an HTTP header, not in a meta tag. */
export const CSP_HEADER_ONLY = "frame-ancestors 'none'";

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The policy while the renderer comes from the electron-vite dev server (`npm run dev`), and only then: it is chosen
 * where the page is loaded from that server's URL (ELECTRON_RENDERER_URL in an unpackaged app, Vite's own dev
 * server), never in a build. The production policy plus what Vite's dev server needs: the React refresh preamble
 * is an inline script and Vite injects CSS as inline <style> ('unsafe-inline' for both), and its HMR client opens a
 * WebSocket to the same server. Still no eval, and nothing but `devServerOrigin` (which must be http on loopback).
 */
export function devContentSecurityPolicy(devServerOrigin: string): string {
  const url = new URL(devServerOrigin);
  if (url.protocol !== 'http:' || !LOOPBACK.has(url.hostname)) {
    throw new Error(`the dev server must be http:// on loopback, not ${devServerOrigin}`);
  }
  return serialize({
    ...PRODUCTION,
    'script-src': ["'self'", "'unsafe-inline'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'connect-src': ["'self'", `ws://${url.host}`],
  });
}
