// Starting the headless host from its command line: options, core, certificate, server, and the start message. The
// token is shown only to a person at a terminal; output that goes to a log (systemd, a file) says where it is instead.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../src-shared';
import { authConfigFromEnv, type AuthConfig } from '../auth';
import { createCore, type Core } from '../core';
import { chooseSecretStore } from '../secrets';
import { createToken } from './auth';
import { isLoopback, parseHostOptions, UsageError, type HostCliOptions } from './options';
import { startHost, type RunningHost } from './server';
import type { LaunchOutput } from './launch-output';
import { signInFromTerminal } from './sign-in-command';
import { loadTls, type TlsMaterial } from './tls';

/** The generated token, for a host whose output is not a terminal. */
export const TOKEN_FILE = 'host-token';


export interface LaunchedHost {
  host: RunningHost;
  core: Core;
  /** With `--sign-in`: the terminal's device sign-in, resolving to whether the host is signed in at its end. */
  signedIn?: Promise<boolean>;
  stop(): Promise<void>;
}

function writePrivateFile(file: string, text: string): void {
  const temporary = `${file}.tmp-${process.pid}`;
  writeFileSync(temporary, `${text}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}

/** Where the token can be found when it is not printed; writes a generated one to an owner-only file. */
function tokenWhereabouts(options: HostCliOptions, token: string, dataDir: string): string {
  if (options.tokenSource?.kind === 'file') return `in ${options.tokenSource.file} (--token-file)`;
  if (options.tokenSource?.kind === 'env') return 'the value of TBS_HOST_TOKEN';
  const file = join(dataDir, TOKEN_FILE);
  writePrivateFile(file, token);
  return `in ${file}`;
}

function describeTls(tls: TlsMaterial): string[] {
  const lines = [`TLS certificate: ${tls.certFile}`, `TLS certificate SHA-256 fingerprint: ${tls.fingerprint256}`];
  if (tls.created !== undefined) lines.push(`(a new self-signed certificate: ${tls.created}; browsers must be told to trust it again)`);
  return lines;
}

/** The sign-in configuration of the host's environment; a half or wrong one stops the start, saying what to fix. */
function signInConfig(env: NodeJS.ProcessEnv): AuthConfig | null {
  try {
    return authConfigFromEnv(env) ?? null;
  } catch (error) {
    if (error instanceof AppError) throw new UsageError(error.message);
    throw error;
  }
}

export async function launchHost(argv: string[], env: NodeJS.ProcessEnv, output: LaunchOutput, rendererDir: string): Promise<LaunchedHost> {
  const options = parseHostOptions(argv, env);
  const auth = signInConfig(env);
  const secrets = await chooseSecretStore({ choice: options.secrets, dataDir: options.dataDir });
  if (options.secretsPassphrase !== undefined) {
    // Before the core starts, so that the saved accounts reconnect at once; a wrong passphrase stops the start.
    try {
      await secrets.unlock(options.secretsPassphrase);
    } catch (error) {
      if (error instanceof AppError) throw new UsageError(`the key file did not open with the configured passphrase: ${error.message}`);
      throw error;
    }
  }
  const core = await createCore({
    secrets,
    auth,
    dataDir: options.dataDir,
    transport: 'websocket',
    ...(options.demoSeed === undefined ? {} : { demoSeed: options.demoSeed }),
    ...(options.demoOutage === undefined ? {} : { demoOutage: options.demoOutage }),
    ...(options.reconnectPace === undefined ? {} : { reconnectPace: options.reconnectPace }),
    ...(options.mt5Port === undefined ? {} : { mt5Port: options.mt5Port }),
    ...(options.redis === undefined ? {} : { shared: { ...options.redis, role: 'host' as const } }),
  });
  let host: RunningHost;
  let tls: TlsMaterial | undefined;
  const token = options.token ?? createToken();
  try {
    tls = options.tls ? await loadTls(options.tls, core.dataDir, options.bind) : undefined;
    host = await startHost({
      dispatcher: core.dispatcher,
      token,
      viewerToken: options.viewerToken,
      rendererDir,
      port: options.port,
      bind: options.bind,
      allowedOrigins: options.allowedOrigins,
      ...(tls ? { tls: { cert: tls.cert, key: tls.key } } : {}),
    });
  } catch (error) {
    await core.close();
    throw error;
  }

  if (!isLoopback(options.bind)) {
    output.warn(
      tls
        ? `listening on ${options.bind}: anyone who can reach this address and has the token controls the app`
        : `warning: plain HTTP on ${options.bind} (--insecure-http): only safe behind a proxy that adds TLS`,
    );
  }
  // Before the address line, which readers (scripts, tests) wait for: by then the fingerprint is out.
  if (tls) describeTls(tls).forEach((line) => output.log(line));
  if (output.isTTY) {
    // A generated token is new at each start: a file left by an earlier, logged start would only mislead.
    if (options.tokenSource === undefined) rmSync(join(core.dataDir, TOKEN_FILE), { force: true });
    output.log(`Trade Bot Scratch (headless) is running: open ${host.url}`);
  } else {
    output.log(`Trade Bot Scratch (headless) is running: open ${host.origin}/`);
    output.log(
      `access token: not printed, as this output is not a terminal; it is ${tokenWhereabouts(options, token, core.dataDir)}` +
        ' (open the address with #token=<token> appended)',
    );
  }
  if (host.viewerUrl) {
    // The viewer token follows the operator's: printed to a person, named (never shown) in a log.
    output.log(
      output.isTTY
        ? `read-only viewers: open ${host.viewerUrl}`
        : `read-only viewers: open ${host.origin}/ with the viewer token (${options.viewerTokenSource === 'file' ? '--viewer-token-file' : 'TBS_VIEWER_TOKEN'})`,
    );
  }
  output.log(`data folder: ${core.dataDir}`);

  return {
    host,
    core,
    ...(options.signIn ? { signedIn: signInFromTerminal(core.auth, output) } : {}),
    stop: () => host.close().then(() => core.close()),
  };
}
