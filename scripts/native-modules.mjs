// Keeps the native modules (better-sqlite3, keytar) built for the runtime about to use them. Node (tests, the headless
// host) and Electron (the desktop app) load .node files compiled against different ABIs, and node_modules holds one
// build at a time; rebuilding on every switch costs a minute or more. So each build is kept in a cache and swapped in:
//
//   .native-cache/<runtime>-<abi>-<platform>-<arch>/<module>@<version>/build/Release/*.node
//
// Platform, arch and the module's version are part of the key so that a checkout shared with a container, or an
// upgraded module, never gets a build made for something else. What node_modules currently holds is identified by the
// files' SHA-256: first from the marker written by the last swap, then by matching a cached build, and as a last resort
// by loading the module in that runtime — so a manual `npm rebuild` or a fresh `npm ci` is recognised, not trusted.
//
// Usage: node scripts/native-modules.mjs node|electron     (also imported by scripts/start.mjs)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const NATIVE_MODULES = ['better-sqlite3', 'keytar'];
export const RUNTIMES = ['node', 'electron'];
/** Written next to the modules, so a fresh `npm ci` (which deletes node_modules) also forgets it. */
export const MARKER_FILE = '.native-build.json';
/** The compiled files live here in both modules; obj.target/ holds only intermediate copies. */
const BUILD_DIR = join('build', 'Release');

/** Code that fails unless the module's binary loads in the runtime running it. */
const LOAD_PROBES = {
  // better-sqlite3 loads its binary lazily, on the first Database.
  'better-sqlite3': "new (require('better-sqlite3'))(':memory:').close()",
  keytar: "require('keytar')",
};

export class NativeModulesError extends Error {}

/** The runtime a build is for: `key` names its cache folder. */
export function targetOf(runtime, root = PROJECT_ROOT) {
  if (runtime === 'node') return withKey({ runtime, version: process.versions.node, abi: process.versions.modules });
  if (runtime !== 'electron') throw new NativeModulesError(`unknown runtime "${runtime}" (expected node or electron)`);
  const electronDir = join(root, 'node_modules', 'electron');
  if (!existsSync(join(electronDir, 'package.json'))) {
    throw new NativeModulesError('the electron package is not installed (npm install installs it as a devDependency)');
  }
  const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'));
  return withKey({ runtime, version, abi: electronAbi(electronDir, version, root) });
}

function withKey(target) {
  return { ...target, key: `${target.runtime}-${target.abi}-${process.platform}-${process.arch}` };
}

/** The electron package ships its ABI in a file; node-abi (a dependency of @electron/rebuild) knows it otherwise. */
function electronAbi(electronDir, version, root) {
  const file = join(electronDir, 'abi_version');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  return createRequire(join(root, 'package.json'))('node-abi').getAbi(version, 'electron');
}

export function moduleDir(root, name) {
  return join(root, 'node_modules', name);
}

function moduleVersion(root, name) {
  const file = join(moduleDir(root, name), 'package.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : null;
}

/** Where the build of `name` for the target with cache key `key` is kept. */
export function cacheDir(root, key, name) {
  return join(root, '.native-cache', key, `${name}@${moduleVersion(root, name)}`);
}

/** The compiled files of a build under `dir` (a module folder or a cache folder), relative to it, sorted. */
export function nativeFiles(dir) {
  const release = join(dir, BUILD_DIR);
  if (!existsSync(release)) return [];
  return readdirSync(release, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.node'))
    .map((entry) => join(BUILD_DIR, entry.name))
    .sort();
}

/** SHA-256 over the names and contents of a build's files; null when there is no build. */
export function fingerprint(dir) {
  const files = nativeFiles(dir);
  if (files.length === 0) return null;
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file.split('\\').join('/')}\0`).update(readFileSync(join(dir, file)));
  return hash.digest('hex');
}

/**
 * Makes `to` hold exactly the build in `from`. Each file is written beside its destination and renamed over it: a
 * process that has the old .node loaded (a test worker, a running host) keeps its mapping of the old file instead of
 * crashing on a file rewritten under it, and an interrupted copy never leaves half a binary behind.
 */
export function copyBuild(from, to) {
  const files = nativeFiles(from);
  if (files.length === 0) throw new NativeModulesError(`no build to copy in ${from}`);
  for (const stale of nativeFiles(to)) {
    if (!files.includes(stale)) rmSync(join(to, stale), { force: true });
  }
  for (const file of files) {
    const destination = join(to, file);
    mkdirSync(dirname(destination), { recursive: true });
    const temporary = `${destination}.${process.pid}.tmp`;
    copyFileSync(join(from, file), temporary);
    renameSync(temporary, destination);
  }
}

export function readMarker(root) {
  try {
    return JSON.parse(readFileSync(join(root, 'node_modules', MARKER_FILE), 'utf8'));
  } catch {
    return {};
  }
}

function writeMarker(root, marker) {
  const file = join(root, 'node_modules', MARKER_FILE);
  writeFileSync(`${file}.${process.pid}.tmp`, `${JSON.stringify(marker, null, 2)}\n`);
  renameSync(`${file}.${process.pid}.tmp`, file);
}

/** How to run code in a runtime: Node itself, or the Electron binary acting as Node (when it is installed). */
function runnerFor(runtime, root) {
  if (runtime === 'node') return { command: process.execPath, env: process.env };
  let binary;
  try {
    binary = createRequire(join(root, 'package.json'))('electron');
  } catch {
    return null; // the binary was never downloaded
  }
  if (typeof binary !== 'string' || !existsSync(binary)) return null;
  return { command: binary, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } };
}

/** True when `name`'s installed build loads in `runtime`; null when that runtime cannot be run here. */
export function defaultProbe(runtime, name, root) {
  const runner = runnerFor(runtime, root);
  if (!runner) return null;
  const result = spawnSync(runner.command, ['-e', LOAD_PROBES[name] ?? `require(${JSON.stringify(name)})`], {
    cwd: root,
    env: runner.env,
    stdio: 'ignore',
    timeout: 30_000,
  });
  return result.status === 0;
}

/** Which target the installed build of `name` is for (its cache key), or null when nothing says. */
function identify(root, name, installed, marker, probe) {
  if (marker[name]?.fingerprint === installed) return marker[name].key;
  const cacheRoot = join(root, '.native-cache');
  const folder = `${name}@${moduleVersion(root, name)}`;
  if (existsSync(cacheRoot)) {
    for (const key of readdirSync(cacheRoot)) {
      if (fingerprint(join(cacheRoot, key, folder)) === installed) return key;
    }
  }
  for (const runtime of RUNTIMES) {
    if (probe(runtime, name, root) === true) return targetOf(runtime, root).key;
  }
  return null;
}

function tail(text, lines = 30) {
  return String(text ?? '').trim().split('\n').slice(-lines).join('\n');
}

/** `npm rebuild` compiles against the running Node (prebuild-install first, node-gyp when no prebuilt exists). */
export async function buildForNode(names, _target, root) {
  const result = spawnSync('npm', ['rebuild', ...names], {
    cwd: root,
    encoding: 'utf8',
    // npm is npm.cmd on Windows, which only a shell can start.
    shell: process.platform === 'win32',
    timeout: 15 * 60_000,
  });
  if (result.status !== 0) {
    const output = tail(`${result.stdout ?? ''}\n${result.stderr ?? ''}`);
    const why = result.error?.message ?? `exit ${result.status}`;
    throw new NativeModulesError(`npm rebuild ${names.join(' ')} failed (${why})\n${output}`);
  }
}

/** @electron/rebuild compiles against Electron's headers, which node-gyp downloads once into ~/.electron-gyp. */
export async function buildForElectron(names, target, root) {
  const { rebuild } = createRequire(join(root, 'package.json'))('@electron/rebuild');
  // A nodedir in the npm config (set on some build machines so Node builds need no download) would make node-gyp
  // compile against Node's headers while labelling the result Electron's: a binary that refuses to load at start.
  for (const name of Object.keys(process.env)) {
    if (name.toLowerCase() === 'npm_config_nodedir') delete process.env[name];
  }
  const quiet = console.error;
  const messages = [];
  // @electron/rebuild prints node-gyp's whole log on failure; keep it for the error instead of flooding the terminal.
  console.error = (...args) => messages.push(args.join(' '));
  try {
    await rebuild({
      buildPath: root,
      electronVersion: target.version,
      onlyModules: names,
      force: true,
      mode: 'sequential',
    });
  } catch (error) {
    const log = messages.join('\n');
    const offline = /network connectivity|getaddrinfo|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ENETUNREACH|download/i;
    const reason = offline.test(log)
      ? `Electron's headers could not be downloaded from https://www.electronjs.org/headers (offline?)`
      : error.message;
    throw new NativeModulesError(`${reason}\n${tail(log)}`);
  } finally {
    console.error = quiet;
  }
}

const BUILDERS = { node: buildForNode, electron: buildForElectron };

/**
 * Puts the `runtime` build of every native module into node_modules: nothing when it is already there, a copy from the
 * cache when one exists, a build otherwise (the build it replaces is cached first, so switching back is a copy).
 * Returns what it did per module: 'current' | 'restored' | 'built'.
 */
export async function ensure(runtime, options = {}) {
  const {
    root = PROJECT_ROOT,
    modules = NATIVE_MODULES,
    probe = defaultProbe,
    build = BUILDERS[runtime],
    log = (line) => console.log(line),
  } = options;
  const target = targetOf(runtime, root);
  const before = readMarker(root);
  const marker = { ...before };
  const outcome = {};
  try {
    for (const name of modules) {
      const done = switchModule(name, { root, target, marker, probe, log });
      if (done) outcome[name] = done;
    }
    const toBuild = modules.filter((name) => !outcome[name]);
    if (toBuild.length > 0) {
      await buildAndCache(toBuild, target, { root, build, probe, log, marker });
      for (const name of toBuild) outcome[name] = 'built';
    }
  } finally {
    // Even after a failed build, the modules switched before it are recorded. Unchanged, nothing is written.
    if (JSON.stringify(marker) !== JSON.stringify(before)) writeMarker(root, marker);
  }
  return outcome;
}

/** Makes `name` the target's build without compiling: 'current', 'restored', or null when it must be built. */
function switchModule(name, { root, target, marker, probe, log }) {
  const dir = moduleDir(root, name);
  if (!existsSync(dir)) throw new NativeModulesError(`${name} is not installed (run npm install)`);
  const installed = fingerprint(dir);
  const current = installed ? identify(root, name, installed, marker, probe) : null;
  // Keep what is installed before replacing it: switching back later is then a copy, not a compile.
  if (current) {
    if (fingerprint(cacheDir(root, current, name)) !== installed) copyBuild(dir, cacheDir(root, current, name));
    marker[name] = { key: current, fingerprint: installed };
  }
  if (current === target.key) return 'current';
  const cached = cacheDir(root, target.key, name);
  if (!fingerprint(cached)) return null;
  copyBuild(cached, dir);
  marker[name] = { key: target.key, fingerprint: fingerprint(dir) };
  log(`native-modules: ${name} switched to its cached ${describe(target)} build`);
  return 'restored';
}

function describe(target) {
  return `${target.runtime} ${target.version} (ABI ${target.abi})`;
}

async function buildAndCache(names, target, { root, build, probe, log, marker }) {
  log(`native-modules: building ${names.join(', ')} for ${describe(target)}; this takes a minute or two, once`);
  // node-gyp starts by deleting build/: if the build then fails, put back what was there, whatever it was.
  const backup = join(root, '.native-cache', `.backup-${process.pid}`);
  for (const name of names) {
    if (fingerprint(moduleDir(root, name))) copyBuild(moduleDir(root, name), join(backup, name));
  }
  try {
    await build(names, target, root);
    for (const name of names) {
      if (!fingerprint(moduleDir(root, name))) {
        throw new NativeModulesError(`the build of ${name} produced no .node file`);
      }
      // Checked where the runtime can run (always for Node): a build that does not load must not be cached.
      if (probe(target.runtime, name, root) === false) {
        throw new NativeModulesError(`the new build of ${name} does not load in ${describe(target)}`);
      }
    }
  } catch (error) {
    for (const name of names) {
      if (fingerprint(join(backup, name))) copyBuild(join(backup, name), moduleDir(root, name));
    }
    const [first, ...rest] = String(error instanceof Error ? error.message : error).split('\n');
    const details = rest.join('\n').trim();
    const hint = details ? '; NATIVE_MODULES_VERBOSE=1 shows the build log' : '';
    const failure = new NativeModulesError(
      `cannot build ${names.join(', ')} for ${describe(target)}: ${first} ` +
        `(node_modules keeps its previous build${hint})`,
    );
    failure.details = details;
    throw failure;
  } finally {
    rmSync(backup, { recursive: true, force: true });
  }
  for (const name of names) {
    copyBuild(moduleDir(root, name), cacheDir(root, target.key, name));
    marker[name] = { key: target.key, fingerprint: fingerprint(moduleDir(root, name)) };
  }
}

async function main() {
  const runtime = process.argv[2];
  if (!RUNTIMES.includes(runtime)) {
    console.error('usage: node scripts/native-modules.mjs node|electron');
    process.exit(2);
  }
  try {
    const outcome = await ensure(runtime);
    const target = targetOf(runtime);
    const summary = Object.entries(outcome).map(([name, what]) => `${name} ${what}`).join(', ');
    console.log(`native-modules: ready for ${describe(target)}: ${summary}`);
  } catch (error) {
    if (!(error instanceof NativeModulesError)) throw error;
    // One line for the reader; the build log only when asked for.
    console.error(`native-modules: ${error.message}`);
    if (error.details && process.env.NATIVE_MODULES_VERBOSE) console.error(error.details);
    process.exit(1);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();

