// Command-line options of the headless host. Unknown or malformed options are refused with a message, never ignored.
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { SecretsStoreKind } from '../../src-shared';
import { configuredPassphrase, PassphraseSourceError, secretsChoice } from '../secrets';

/** Where the host's certificate comes from: the operator's files, or one the host makes and keeps itself. */
export type TlsSource = { kind: 'files'; certFile: string; keyFile: string } | { kind: 'self-signed' };

export interface HostCliOptions {
  port: number;
  bind: string;
  dataDir: string;
  /** Undefined: make a new random token at start. */
  token: string | undefined;
  /** Where a configured token came from, so the start message can say where to find it without printing it. */
  tokenSource: { kind: 'file'; file: string } | { kind: 'env' } | undefined;
  /** Undefined: plain HTTP (allowed on loopback, or with `--insecure-http`). */
  tls: TlsSource | undefined;
  /** The operator said a TLS proxy in front of the host encrypts the traffic: a non-loopback bind is allowed. */
  insecureHttp: boolean;
  /** Browser origins, besides the host's own, whose pages may open the WebSocket (e.g. a reverse proxy's address). */
  allowedOrigins: string[];
  /** A second, read-only token (watch, never trade or change settings); undefined: no viewer access. */
  viewerToken?: string | undefined;
  /** Where the viewer token came from, named in a start message that must not show it. */
  viewerTokenSource?: 'file' | 'env' | undefined;
  /** Replays the same demo market (for bug reports and tests); random when absent. */
  demoSeed: number | undefined;
  /** Hidden, for e2e tests: the demo feed goes silent `at` seconds after start, for `for` seconds. */
  demoOutage: { atS: number; forS: number } | undefined;
  /** `--secrets`: where keys are kept; undefined: the keychain if one answers, else the key file. */
  secrets: SecretsStoreKind | undefined;
  /** The key file's passphrase (`--secrets-passphrase-file` or TBS_SECRETS_PASSPHRASE); undefined: asked in the browser. */
  secretsPassphrase: string | undefined;
  /** `--sign-in`: sign in to the product account with the device flow, the code shown in the terminal. */
  signIn: boolean;
  /** Hidden, for e2e tests: reconnects of the fast phase, then the venue probe's pace, so an outage outlasts it soon. */
  reconnectPace: { fastAttempts: number; probeEveryMs: number } | undefined;
  /** Where MetaTrader 5 EAs connect on 127.0.0.1 (TBS_MT5_PORT, else 17031 when absent; 0 picks a free port). */
  mt5Port: number | undefined;
  /** `--redis`: shared mode on this Redis (redis:// or rediss://); its password from the URL, `--redis-password-file` or TBS_REDIS_PASSWORD. */
  redis?: { url: string; password?: string; name?: string; egress?: string } | undefined;
}

export class UsageError extends Error {}

export const USAGE = `usage: npm start -- [--port N] [--data-dir DIR] [--bind ADDRESS] [--token-file FILE] [--viewer-token-file FILE] [--secrets keychain|file] [TLS options]
  --port N               port to listen on; 0 picks a free one (default 0)
  --data-dir DIR         where the database lives (default: the desktop app's data folder)
  --bind ADDRESS         address to listen on (default 127.0.0.1; anything else needs TLS or --insecure-http)
  --token-file FILE      read the access token from FILE instead of making a new one (or set TBS_HOST_TOKEN)
  --viewer-token-file FILE
                         also accept the read-only token in FILE (or set TBS_VIEWER_TOKEN): it watches, never trades
  --tls-cert FILE        serve HTTPS/WSS with this certificate (PEM; with --tls-key)
  --tls-key FILE         the certificate's private key (PEM)
  --tls-self-signed      serve HTTPS/WSS with a certificate made once and kept in the data folder
  --insecure-http        allow plain HTTP on a non-loopback address (only behind a proxy that adds TLS)
  --allowed-origin URL   another origin whose pages may connect (repeatable; e.g. https://trade.example.com)
  --demo-seed N          replay the demo market of seed N
  --secrets keychain|file
                         where keys are kept (default: the system keychain if one answers, else an encrypted
                         file secrets.enc in the data folder)
  --secrets-passphrase-file FILE
                         the key file's passphrase (or set TBS_SECRETS_PASSPHRASE); otherwise the browser asks
  --sign-in              sign in to your Trade Bot Scratch account from this terminal: shows an address and a code
                         to enter on any device (needs TBS_AUTH_ISSUER, TBS_AUTH_CLIENT_ID, TBS_AUTH_AUDIENCE)
  --mt5-port N           where MetaTrader 5 EAs connect on 127.0.0.1 (or set TBS_MT5_PORT; default 17031)
  --redis URL            shared mode: share events, one rate budget and one kill switch with the other processes on
                         this Redis (redis://host:6379 or rediss:// for TLS; or set TBS_REDIS_URL); see docs/scale-out.md
  --redis-password-file FILE
                         Redis' password (or set TBS_REDIS_PASSWORD; or put it in the URL)
  --process-name NAME    how this process is named in the Processes panel (default: host)
  --egress LABEL         processes behind the same public IP share one rate budget: give them the same label`;

/** The same folder Electron uses as userData for this app, so desktop and headless share one database. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = homedir();
  const appData =
    platform === 'win32'
      ? (env.APPDATA ?? join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? join(home, '.config'));
  return join(appData, 'Trade Bot Scratch');
}

/** Only this machine can reach these addresses; anything else (0.0.0.0, a LAN or public address) is exposure. */
export function isLoopback(address: string): boolean {
  const bare = address.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  const v4 = bare.startsWith('::ffff:') ? bare.slice('::ffff:'.length) : bare;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

function parseOrigin(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--allowed-origin takes a URL such as https://trade.example.com, got "${text}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`--allowed-origin must be an http(s) URL, got "${text}"`);
  }
  return url.origin;
}

function tlsSource(values: { 'tls-cert'?: string; 'tls-key'?: string; 'tls-self-signed'?: boolean }): TlsSource | undefined {
  const { 'tls-cert': certFile, 'tls-key': keyFile, 'tls-self-signed': selfSigned } = values;
  if (selfSigned && (certFile || keyFile)) throw new UsageError('use either --tls-self-signed or --tls-cert/--tls-key, not both');
  if (selfSigned) return { kind: 'self-signed' };
  if (certFile && keyFile) return { kind: 'files', certFile, keyFile };
  if (certFile || keyFile) throw new UsageError('--tls-cert and --tls-key go together: give both files');
  return undefined;
}

export function parseHostOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): HostCliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: '0' },
        bind: { type: 'string', default: '127.0.0.1' },
        'data-dir': { type: 'string' },
        'token-file': { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'tls-self-signed': { type: 'boolean', default: false },
        'insecure-http': { type: 'boolean', default: false },
        'allowed-origin': { type: 'string', multiple: true, default: [] },
        'viewer-token-file': { type: 'string' },
        'demo-seed': { type: 'string' },
        'demo-outage': { type: 'string' },
        secrets: { type: 'string' },
        'secrets-passphrase-file': { type: 'string' },
        'reconnect-pace': { type: 'string' },
        'sign-in': { type: 'boolean', default: false },
        'mt5-port': { type: 'string' },
        redis: { type: 'string' },
        'redis-password-file': { type: 'string' },
        'process-name': { type: 'string' },
        egress: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, got "${values.port}"`);
  }
  let token = env.TBS_HOST_TOKEN || undefined;
  let tokenSource: HostCliOptions['tokenSource'] = token === undefined ? undefined : { kind: 'env' };
  if (values['token-file']) {
    try {
      token = readFileSync(values['token-file'], 'utf8').trim();
    } catch (error) {
      throw new UsageError(`cannot read --token-file: ${(error as Error).message}`);
    }
    tokenSource = { kind: 'file', file: values['token-file'] };
  }
  if (token !== undefined && token.length < 16) {
    throw new UsageError('the configured token is too short: use at least 16 characters');
  }
  const tls = tlsSource(values);
  if (tls && values['insecure-http']) throw new UsageError('--insecure-http and TLS exclude each other: choose one');
  // Refused before anything starts: a token crossing a network in clear text is as good as published.
  if (!isLoopback(values.bind) && !tls && !values['insecure-http']) {
    throw new UsageError(
      `refusing to listen on ${values.bind} over plain HTTP (the token would cross the network in clear text): ` +
        'add --tls-self-signed (or --tls-cert FILE --tls-key FILE), or --insecure-http if a TLS proxy in front of the host encrypts the traffic',
    );
  }
  const viewerToken = readViewerToken(values['viewer-token-file'], env, token);
  const demoSeed = values['demo-seed'] === undefined ? undefined : Number(values['demo-seed']);
  if (demoSeed !== undefined && (!Number.isInteger(demoSeed) || demoSeed < 0 || demoSeed >= 2 ** 32)) {
    throw new UsageError(`--demo-seed must be a whole number from 0 to 4294967295, got "${values['demo-seed']}"`);
  }
  let demoOutage: HostCliOptions['demoOutage'];
  if (values['demo-outage'] !== undefined) {
    const match = /^(\d+):(\d+)$/.exec(values['demo-outage']);
    if (!match) throw new UsageError(`--demo-outage takes AT:FOR in whole seconds (e.g. 20:65), got "${values['demo-outage']}"`);
    demoOutage = { atS: Number(match[1]), forS: Number(match[2]) };
  }
  let secrets: SecretsStoreKind | undefined;
  let secretsPassphrase: string | undefined;
  try {
    secrets = secretsChoice(values.secrets);
    secretsPassphrase = configuredPassphrase(values['secrets-passphrase-file'], env);
  } catch (error) {
    if (error instanceof PassphraseSourceError) throw new UsageError(error.message);
    throw error;
  }
  if (secrets === 'keychain' && values['secrets-passphrase-file'] !== undefined) {
    throw new UsageError('--secrets-passphrase-file opens the key file: it does not go with --secrets keychain');
  }
  // A passphrase given says where the keys are: the key file, whether or not a keychain answers.
  if (secrets === undefined && secretsPassphrase !== undefined) secrets = 'file';
  if (secrets === 'keychain') secretsPassphrase = undefined;
  let reconnectPace: HostCliOptions['reconnectPace'];
  if (values['reconnect-pace'] !== undefined) {
    const match = /^(\d{1,2}):(\d{3,5})$/.exec(values['reconnect-pace']);
    if (!match) throw new UsageError(`--reconnect-pace takes FAST:PROBE_MS (e.g. 3:1000), got "${values['reconnect-pace']}"`);
    reconnectPace = { fastAttempts: Number(match[1]), probeEveryMs: Number(match[2]) };
  }
  let mt5Port: number | undefined;
  if (values['mt5-port'] !== undefined) {
    mt5Port = Number(values['mt5-port']);
    if (!/^\d{1,5}$/.test(values['mt5-port']) || mt5Port > 65_535) throw new UsageError(`--mt5-port takes a port number (0 picks a free one), got "${values['mt5-port']}"`);
  }
  return {
    port,
    mt5Port,
    redis: parseRedis(values, env),
    bind: values.bind,
    dataDir: values['data-dir'] ?? defaultDataDir(env),
    token,
    tokenSource,
    viewerToken,
    viewerTokenSource: viewerToken === undefined ? undefined : values['viewer-token-file'] ? 'file' : 'env',
    tls,
    insecureHttp: values['insecure-http'],
    allowedOrigins: values['allowed-origin'].map(parseOrigin),
    demoSeed,
    demoOutage,
    secrets,
    secretsPassphrase,
    reconnectPace,
    signIn: values['sign-in'],
  };
}

function parseRedis(
  values: { redis?: string; 'redis-password-file'?: string; 'process-name'?: string; egress?: string },
  env: NodeJS.ProcessEnv,
): HostCliOptions['redis'] {
  const url = values.redis ?? (env.TBS_REDIS_URL || undefined);
  if (url === undefined) {
    if (values['redis-password-file'] || values['process-name'] || values.egress) throw new UsageError('--redis-password-file, --process-name and --egress go with --redis URL');
    return undefined;
  }
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  // The message never repeats the value: it may carry a password.
  if (!parsed || (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') || parsed.hostname === '') {
    throw new UsageError('--redis takes a URL such as redis://127.0.0.1:6379 or rediss://redis.example.com:6380');
  }
  let password = env.TBS_REDIS_PASSWORD || undefined;
  if (values['redis-password-file']) {
    try {
      password = readFileSync(values['redis-password-file'], 'utf8').trim();
    } catch (error) {
      throw new UsageError(`cannot read --redis-password-file: ${(error as Error).message}`);
    }
  }
  const name = values['process-name'];
  if (name !== undefined && (name.length === 0 || name.length > 100)) throw new UsageError('--process-name takes 1 to 100 characters');
  return {
    url,
    ...(password === undefined ? {} : { password }),
    ...(name === undefined ? {} : { name }),
    ...(values.egress === undefined ? {} : { egress: values.egress }),
  };
}

/** The viewer token, under the operator token's rules, and never the operator token itself (it would grant it all). */
function readViewerToken(file: string | undefined, env: NodeJS.ProcessEnv, operatorToken: string | undefined): string | undefined {
  let viewerToken = env.TBS_VIEWER_TOKEN || undefined;
  if (file) {
    try {
      viewerToken = readFileSync(file, 'utf8').trim();
    } catch (error) {
      throw new UsageError(`cannot read --viewer-token-file: ${(error as Error).message}`);
    }
  }
  if (viewerToken !== undefined && viewerToken.length < 16) {
    throw new UsageError('the viewer token is too short: use at least 16 characters');
  }
  if (viewerToken !== undefined && viewerToken === operatorToken) {
    throw new UsageError('the viewer token must differ from the operator token');
  }
  return viewerToken;
}
