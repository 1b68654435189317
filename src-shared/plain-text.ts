// Where a connection would carry keys, signed requests or passwords in clear text off this machine: an http:// or
// ws:// exchange or data URL, or SMTP without TLS, to a host that is not loopback. Such a destination is refused
// unless the request says the trader confirmed it (the UI asks in a dialog first); loopback needs no confirmation,
// since nothing leaves the machine (a local gateway, a TLS-terminating proxy, the tests' fake venues).
// Shared so that the renderer asks before sending and main refuses whatever was not confirmed, with the same words.

/**
 * Whether a host name or address is this machine: `localhost` (and `*.localhost`), 127.0.0.0/8, ::1. The host is
 * normalised the way a URL would (so `127.1`, `0x7f.0.0.1` and `[0:0::1]` count, and `127.0.0.1.example.com` does not).
 */
export function isLoopbackHost(host: string): boolean {
  const trimmed = host.trim().replace(/^\[(.*)\]$/, '$1');
  if (trimmed === '') return false;
  let hostname: string;
  try {
    hostname = new URL(`http://${trimmed.includes(':') ? `[${trimmed}]` : trimmed}/`).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true;
  if (hostname === '[::1]') return true;
  // IPv4-mapped IPv6 (::ffff:127.0.0.1) is written by the URL parser in hex: [::ffff:7f00:1].
  if (/^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(hostname)) return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

const PLAIN_SCHEMES: Record<string, string> = { 'http:': 'https://', 'ws:': 'wss://' };

/**
 * Why this URL would travel in clear text off this machine, in words, or undefined when it does not (TLS, loopback,
 * or not a URL at all — the URL's own validation speaks for that). `what` names the field, e.g. "REST base URL".
 */
export function plainTextUrlProblem(url: string, what: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const secure = PLAIN_SCHEMES[parsed.protocol];
  if (secure === undefined || isLoopbackHost(parsed.hostname)) return undefined;
  return (
    `${what} ${parsed.protocol}//${parsed.host} is not encrypted: API keys, signed requests and your orders would cross ` +
    `the network in clear text. Use ${secure}, or confirm that you accept plain text.`
  );
}

/** Why this SMTP setting would send the password and messages in clear text off this machine, or undefined. */
export function plainTextSmtpProblem(config: { host: string; security: string }): string | undefined {
  if (config.security !== 'none' || config.host === '' || isLoopbackHost(config.host)) return undefined;
  return (
    `Security "None" sends the SMTP password and every message to ${config.host} in clear text. Choose STARTTLS or ` +
    'TLS, or confirm that you accept plain text.'
  );
}

/** The environment variable that allows http:// base URLs to another machine from the environment (a trusted LAN). */
export const PLAIN_HTTP_OPT_IN = 'TBS_ALLOW_PLAIN_HTTP';

/**
 * For a base URL read from the environment variable `name` at start: the one-line warning to print when it must be
 * ignored (http:// or ws:// to another machine without `TBS_ALLOW_PLAIN_HTTP=1`), else undefined. The caller then
 * uses the provider's own (https) address, so a stray variable cannot send keys in clear text.
 */
export function plainTextEnvUrlWarning(name: string, value: string, env: Readonly<Record<string, string | undefined>>): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (PLAIN_SCHEMES[url.protocol] === undefined || isLoopbackHost(url.hostname) || env[PLAIN_HTTP_OPT_IN] === '1') return undefined;
  return (
    `${name}=${url.protocol}//${url.host} ignored: it is not encrypted and not this machine, so keys would cross the ` +
    `network in clear text; using the default address instead (use ${PLAIN_SCHEMES[url.protocol]}, or set ${PLAIN_HTTP_OPT_IN}=1 to allow it)`
  );
}
