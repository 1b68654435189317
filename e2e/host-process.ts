// Starts the real headless host (the built app) as a child process and reads the URL it prints. Its output is a
// pipe, not a terminal, so the host does not print the token: the tests give it one in a file.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface HostProcess {
  url: string;
  origin: string;
  token: string;
  port: number;
  dataDir: string;
  output: () => string;
  stop(): Promise<void>;
}

export interface HostProcessOptions {
  dataDir?: string;
  port?: number;
  tokenFile?: string;
  /** More command-line options of the host (e.g. `--demo-outage 20:65`). */
  extraArgs?: string[];
  /** The host's environment (before offlineEnv); this process's when absent. */
  env?: NodeJS.ProcessEnv;
}

const HOST_ENTRY = resolve(__dirname, '../out/main/host.js');
const URL_LINE = /open (https?:\/\/127\.0\.0\.1:(\d+))\//;

/**
 * Tests talk only to 127.0.0.1: unless a test points the market-data APIs at its own fake, they point at a closed
 * local port, so the app's default sources (Yahoo needs no key) are never called from a test.
 */
export function offlineEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  // The MetaTrader 5 bridge on a free port: hosts run side by side, and never on the app's own 17031.
  return { ...env, TBS_MARKET_DATA_BASE_URL: env.TBS_MARKET_DATA_BASE_URL ?? 'http://127.0.0.1:9', TBS_MT5_PORT: env.TBS_MT5_PORT ?? '0' };
}

export function freshDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'tbs-e2e-'));
}

/** A token file of its own for a test that gives none. */
function newTokenFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tbs-e2e-token-')), 'token');
  writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
  return file;
}

export async function startHostProcess(options: HostProcessOptions = {}): Promise<HostProcess> {
  const dataDir = options.dataDir ?? freshDataDir();
  const tokenFile = options.tokenFile ?? newTokenFile();
  const token = readFileSync(tokenFile, 'utf8').trim();
  const args = [HOST_ENTRY, '--port', String(options.port ?? 0), '--data-dir', dataDir, '--token-file', tokenFile];
  if (options.extraArgs) args.push(...options.extraArgs);
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: offlineEnv(options.env) });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const match = await new Promise<RegExpMatchArray>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`host printed no URL within 15 s:\n${output}`)), 15_000);
    const check = (): void => {
      const found = URL_LINE.exec(output);
      if (found) {
        clearTimeout(timer);
        done(found);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`host exited with ${code}:\n${output}`));
    });
  });
  const origin = match[1]!;
  const port = Number(match[2]);
  return {
    url: `${origin}/#token=${encodeURIComponent(token)}`,
    origin,
    token,
    port,
    dataDir,
    output: () => output,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
