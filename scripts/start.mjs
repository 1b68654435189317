// `npm start` (and `npm run host`, which adds --headless): builds the app, then runs the desktop app where Electron's
// binary is installed, and the headless host everywhere else (CI, servers, machines where the download failed), so
// one command always gives a working app. Arguments after `--` go to the app: `npm start -- --port 0 --data-dir /tmp/x`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { ensure, NativeModulesError, PROJECT_ROOT } from './native-modules.mjs';

const require = createRequire(join(PROJECT_ROOT, 'package.json'));

/** `--headless` is ours; everything else, and everything after a literal `--`, is the app's. */
export function parseArgs(argv) {
  const separator = argv.indexOf('--');
  const own = separator === -1 ? argv : argv.slice(0, separator);
  const passed = separator === -1 ? [] : argv.slice(separator + 1);
  return { headless: own.includes('--headless'), appArgs: [...own.filter((arg) => arg !== '--headless'), ...passed] };
}

/** Runs electron-vite's CLI with this Node; its output is shown only when the build fails. */
export function build() {
  const packageJson = require.resolve('electron-vite/package.json');
  const cli = join(dirname(packageJson), JSON.parse(readFileSync(packageJson, 'utf8')).bin['electron-vite']);
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (result.status !== 0) {
    process.stdout.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
    console.error(`start: the build failed (${result.error?.message ?? `exit ${result.status}`})`);
    process.exit(result.status || 1);
  }
}

/** The Electron binary's path, or why there is none. The electron package throws when its download never happened. */
export function electronBinary() {
  try {
    const binary = require('electron');
    if (typeof binary === 'string' && existsSync(binary)) return { binary };
    return { reason: `Electron's binary is missing at ${binary}` };
  } catch (error) {
    const message = String(error instanceof Error ? error.message : error).split('\n')[0];
    // The package's own advice ("delete node_modules/electron and try installing again") does not help offline.
    if (/failed to install correctly/.test(message)) {
      return { reason: "Electron's binary is not installed; npm install downloads it where the network allows" };
    }
    return { reason: `Electron cannot be found: ${message}` };
  }
}

async function nativeModulesFor(runtime) {
  try {
    await ensure(runtime);
  } catch (error) {
    if (!(error instanceof NativeModulesError)) throw error;
    console.error(`start: ${error.message}`);
    if (runtime === 'electron') console.error('start: `npm run host` runs the app headless, on the Node build.');
    process.exit(1);
  }
}

/**
 * Runs the app and mirrors its end. On POSIX the child gets its own process group, so a Ctrl-C in the terminal reaches
 * it once, through us, rather than twice (from the terminal and from us): a second SIGINT would cut its graceful
 * shutdown (closing the database, the exchange sockets) short. On Windows a detached child would get its own console.
 */
function run(command, args, env) {
  const detached = process.platform !== 'win32';
  const child = spawn(command, args, { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'inherit', 'inherit'], detached });
  const running = () => child.exitCode === null && child.signalCode === null;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (running()) child.kill(signal);
    });
  }
  // If this script dies some other way, the app (in its own group) must not outlive it.
  process.on('exit', () => {
    if (running()) child.kill('SIGTERM');
  });
  child.on('error', (error) => {
    console.error(`start: could not run ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
}

async function main() {
  const { headless, appArgs } = parseArgs(process.argv.slice(2));
  build();
  const electron = headless ? null : electronBinary();
  if (electron?.binary) {
    await nativeModulesFor('electron');
    // Inherited from an outer Electron tool, this variable would make Electron run our main script as plain Node.
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    run(electron.binary, [PROJECT_ROOT, ...appArgs], env);
    return;
  }
  if (electron) console.log(`Desktop app unavailable here (${electron.reason}); running the headless host instead.`);
  await nativeModulesFor('node');
  run(process.execPath, [join(PROJECT_ROOT, 'out', 'main', 'host.js'), ...appArgs], process.env);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) await main();
