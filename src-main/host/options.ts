// Command-line options of the headless host. Unknown or malformed options are refused with a message, never ignored.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { SecretsStoreKind } from '../../src-shared';
import { configuredPassphrase, PassphraseSourceError, secretsChoice } from '../secrets';

export interface HostCliOptions {
  port: number;
  bind: string;
  dataDir: string;
  /** Undefined: make a new random token at start. */
  token: string | undefined;
  /** Replays the same demo market (for bug reports and tests); random when absent. */
  demoSeed: number | undefined;
  /** Hidden, for e2e tests: the demo feed goes silent `at` seconds after start, for `for` seconds. */
  demoOutage: { atS: number; forS: number } | undefined;
  /** `--secrets`: where keys are kept; undefined: the keychain if one answers, else the key file. */
  secrets: SecretsStoreKind | undefined;
  /** The key file's passphrase (`--secrets-passphrase-file` or TBS_SECRETS_PASSPHRASE); undefined: asked in the browser. */
  secretsPassphrase: string | undefined;
}

export class UsageError extends Error {}

export const USAGE = `usage: npm start -- [--port N] [--data-dir DIR] [--bind ADDRESS] [--token-file FILE] [--secrets keychain|file]
  --port N           port to listen on; 0 picks a free one (default 0)
  --data-dir DIR     where the database lives (default: the desktop app's data folder)
  --bind ADDRESS     address to listen on (default 127.0.0.1; anything else exposes the app to the network)
  --token-file FILE  read the access token from FILE instead of making a new one (or set TBS_HOST_TOKEN)
  --demo-seed N      replay the demo market of seed N
  --secrets keychain|file         where keys are kept (default: the system keychain if one answers, else an
                                  encrypted file secrets.enc in the data folder)
  --secrets-passphrase-file FILE  the key file's passphrase (or set TBS_SECRETS_PASSPHRASE); otherwise the browser asks`;

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
        'demo-seed': { type: 'string' },
        'demo-outage': { type: 'string' },
        secrets: { type: 'string' },
        'secrets-passphrase-file': { type: 'string' },
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
  const dataDir = values['data-dir'] ?? defaultDataDir(env);
  return { port, bind: values.bind, dataDir, token, demoSeed, demoOutage, secrets, secretsPassphrase };
}
