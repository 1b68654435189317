// Command-line options of the headless host. Unknown or malformed options are refused with a message, never ignored.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export interface HostCliOptions {
  port: number;
  bind: string;
  dataDir: string;
  /** Undefined: make a new random token at start. */
  token: string | undefined;
  /** A second, read-only token (watch, never trade or change settings); undefined: no viewer access. */
  viewerToken?: string | undefined;
  /** Replays the same demo market (for bug reports and tests); random when absent. */
  demoSeed: number | undefined;
  /** Hidden, for e2e tests: the demo feed goes silent `at` seconds after start, for `for` seconds. */
  demoOutage: { atS: number; forS: number } | undefined;
}

export class UsageError extends Error {}

export const USAGE = `usage: npm start -- [--port N] [--data-dir DIR] [--bind ADDRESS] [--token-file FILE] [--viewer-token-file FILE]
  --port N           port to listen on; 0 picks a free one (default 0)
  --data-dir DIR     where the database lives (default: the desktop app's data folder)
  --bind ADDRESS     address to listen on (default 127.0.0.1; anything else exposes the app to the network)
  --token-file FILE  read the access token from FILE instead of making a new one (or set TBS_HOST_TOKEN)
  --viewer-token-file FILE
                     also accept the read-only token in FILE (or set TBS_VIEWER_TOKEN): it watches, never trades
  --demo-seed N      replay the demo market of seed N`;

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
        'viewer-token-file': { type: 'string' },
        'demo-seed': { type: 'string' },
        'demo-outage': { type: 'string' },
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
  if (values['token-file']) {
    try {
      token = readFileSync(values['token-file'], 'utf8').trim();
    } catch (error) {
      throw new UsageError(`cannot read --token-file: ${(error as Error).message}`);
    }
  }
  if (token !== undefined && token.length < 16) {
    throw new UsageError('the configured token is too short: use at least 16 characters');
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
  return { port, bind: values.bind, dataDir: values['data-dir'] ?? defaultDataDir(env), token, viewerToken, demoSeed, demoOutage };
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
