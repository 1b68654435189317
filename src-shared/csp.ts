// The renderer's Content-Security-Policy, one string for every place that sets it: the meta tag of index.html, the
// Electron session's response headers and the headless host's HTTP headers. Scripts only from the app itself, no
// eval, no inline script, no plugins, no framing; connections only back to the app (the host's WebSocket).
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Directives that browsers honour only as an HTTP header, not in a meta tag. */
export const CSP_HEADER_ONLY = "frame-ancestors 'none'";
