import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error -- a plain .mjs script without type declarations
import * as native from './native-modules.mjs';

const PLATFORM = `${process.platform}-${process.arch}`;
const NODE_KEY = `node-${process.versions.modules}-${PLATFORM}`;
const ELECTRON_KEY = `electron-143-${PLATFORM}`;
const RELEASE = join('build', 'Release');

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'native-modules-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function write(file: string, content: string): void {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, content);
}

/** A project with fake native modules whose one .node file says which runtime it was built for. */
function fakeProject(builtFor = 'node', version = '1.0.0'): void {
  write(join(root, 'package.json'), '{"name":"fake"}');
  write(join(root, 'node_modules/electron/package.json'), '{"name":"electron","version":"40.8.5"}');
  write(join(root, 'node_modules/electron/abi_version'), '143');
  for (const name of ['mod-a', 'mod-b']) {
    write(join(root, 'node_modules', name, 'package.json'), JSON.stringify({ name, version }));
    write(join(root, 'node_modules', name, RELEASE, `${name}.node`), `${name} for ${builtFor}`);
    // Intermediate files are not part of the build.
    write(join(root, 'node_modules', name, RELEASE, 'obj.target', `${name}.node`), 'intermediate');
  }
}

const builtFor = (name: string): string => readFileSync(join(root, 'node_modules', name, RELEASE, `${name}.node`), 'utf8');

/** Probes and builds that read and write the fake files, as the real ones would load and compile them. */
function fakes() {
  const probe = vi.fn((runtime: string, name: string) => {
    if (runtime === 'electron') return null; // no Electron binary, as on this machine
    const file = join(root, 'node_modules', name, RELEASE, `${name}.node`);
    return existsSync(file) && readFileSync(file, 'utf8') === `${name} for node`;
  });
  const build = vi.fn(async (names: string[], target: { runtime: string }) => {
    for (const name of names) {
      write(join(root, 'node_modules', name, RELEASE, `${name}.node`), `${name} for ${target.runtime}`);
    }
  });
  return { probe, build, log: vi.fn(), root, modules: ['mod-a', 'mod-b'] };
}

describe('cache bookkeeping (fake modules)', () => {
  it('fingerprints only build/Release/*.node, and copies a build exactly, atomically', () => {
    fakeProject();
    const dir = join(root, 'node_modules/mod-a');
    expect(native.nativeFiles(dir)).toEqual([join(RELEASE, 'mod-a.node')]);
    const before = native.fingerprint(dir);
    write(join(dir, RELEASE, 'obj.target/mod-a.node'), 'changed');
    expect(native.fingerprint(dir)).toBe(before);
    expect(native.fingerprint(join(root, 'nothing-here'))).toBeNull();

    const target = join(root, 'copy');
    write(join(target, RELEASE, 'stale.node'), 'from an older build');
    native.copyBuild(dir, target);
    expect(readdirSync(join(target, RELEASE))).toEqual(['mod-a.node']);
    expect(native.fingerprint(target)).toBe(before);
  });

  it('does nothing when node_modules already holds the build for the runtime', async () => {
    fakeProject('node');
    const options = fakes();
    expect(await native.ensure('node', options)).toEqual({ 'mod-a': 'current', 'mod-b': 'current' });
    expect(options.build).not.toHaveBeenCalled();
    // What was found is cached, so that switching back to it later is a copy.
    const cached = join(root, '.native-cache', NODE_KEY, 'mod-a@1.0.0', RELEASE, 'mod-a.node');
    expect(readFileSync(cached, 'utf8')).toBe('mod-a for node');

    const marker = join(root, 'node_modules', native.MARKER_FILE);
    const written = statSync(marker).mtimeMs;
    options.probe.mockClear();
    expect(await native.ensure('node', options)).toEqual({ 'mod-a': 'current', 'mod-b': 'current' });
    // The second time the marker answers: no probe (no child process), no write.
    expect(options.probe).not.toHaveBeenCalled();
    expect(statSync(marker).mtimeMs).toBe(written);
  });

  it('builds a missing target once, then switches both ways by copying', async () => {
    fakeProject('node');
    const options = fakes();
    expect(await native.ensure('electron', options)).toEqual({ 'mod-a': 'built', 'mod-b': 'built' });
    expect(options.build).toHaveBeenCalledOnce();
    expect(options.build.mock.calls[0]![1]).toMatchObject({
      runtime: 'electron',
      abi: '143',
      version: '40.8.5',
      key: ELECTRON_KEY,
    });
    expect(builtFor('mod-a')).toBe('mod-a for electron');
    expect(existsSync(join(root, '.native-cache', ELECTRON_KEY, 'mod-a@1.0.0', RELEASE, 'mod-a.node'))).toBe(true);

    expect(await native.ensure('node', options)).toEqual({ 'mod-a': 'restored', 'mod-b': 'restored' });
    expect(builtFor('mod-a')).toBe('mod-a for node');
    expect(await native.ensure('electron', options)).toEqual({ 'mod-a': 'restored', 'mod-b': 'restored' });
    expect(builtFor('mod-b')).toBe('mod-b for electron');
    expect(options.build).toHaveBeenCalledOnce();
    expect(readdirSync(join(root, 'node_modules/mod-a', RELEASE)).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('recognises a build by its cached copy even without the marker (e.g. after a manual copy)', async () => {
    fakeProject('node');
    const options = fakes();
    await native.ensure('electron', options);
    rmSync(join(root, 'node_modules', native.MARKER_FILE));
    options.probe.mockClear();
    expect(await native.ensure('electron', options)).toEqual({ 'mod-a': 'current', 'mod-b': 'current' });
    expect(options.probe).not.toHaveBeenCalled();
  });

  it('puts the previous build back and says why in one line when a build fails', async () => {
    fakeProject('node');
    const options = fakes();
    options.build.mockImplementationOnce(async (names: string[]) => {
      // node-gyp deletes build/ before it fails to fetch the headers.
      for (const name of names) rmSync(join(root, 'node_modules', name, 'build'), { recursive: true });
      throw new Error('node-gyp failed to rebuild\ngyp ERR! lots of log');
    });
    const failure = native.ensure('electron', options);
    await expect(failure).rejects.toBeInstanceOf(native.NativeModulesError);
    // One line: the build log stays out of the message.
    await expect(failure).rejects.toThrow(/^cannot build mod-a, mod-b for electron 40\.8\.5 \(ABI 143\): node-gyp[^\n]*$/);
    expect(builtFor('mod-a')).toBe('mod-a for node');
    expect(existsSync(join(root, '.native-cache', ELECTRON_KEY))).toBe(false);
    expect(readdirSync(join(root, '.native-cache')).filter((f) => f.startsWith('.backup'))).toEqual([]);
  });

  it('refuses to cache a new build that does not load', async () => {
    fakeProject('garbage');
    const options = fakes();
    options.build.mockImplementationOnce(async () => {}); // "succeeds" but leaves the unloadable build
    await expect(native.ensure('node', options)).rejects.toThrow(/does not load in node/);
    expect(existsSync(join(root, '.native-cache', NODE_KEY))).toBe(false);
  });

  it('never restores a build cached for another version of the module', async () => {
    fakeProject('node', '1.0.0');
    const options = fakes();
    await native.ensure('electron', options); // caches node and electron builds of 1.0.0
    fakeProject('node', '2.0.0'); // an upgrade: npm installed 2.0.0, built for node
    options.build.mockClear();
    expect(await native.ensure('electron', options)).toEqual({ 'mod-a': 'built', 'mod-b': 'built' });
    expect(readdirSync(join(root, '.native-cache', ELECTRON_KEY)).sort()).toEqual([
      'mod-a@1.0.0', 'mod-a@2.0.0', 'mod-b@1.0.0', 'mod-b@2.0.0',
    ]);
  });

  it('rejects an unknown runtime, and says so when electron is not installed', () => {
    fakeProject();
    expect(() => native.targetOf('deno', root)).toThrow(/unknown runtime/);
    rmSync(join(root, 'node_modules/electron'), { recursive: true });
    expect(() => native.targetOf('electron', root)).toThrow(/electron package is not installed/);
  });
});

const REAL_MODULES = ['better-sqlite3', 'keytar'];
const PROJECT = join(import.meta.dirname, '..');
const LOAD_BOTH =
  "new (require('better-sqlite3'))(':memory:').prepare('select 41 + 1 as x').get().x" +
  " + require('keytar').getPassword.length";

function loadsIn(dir: string): string | null {
  const result = spawnSync(process.execPath, ['-e', `console.log(${LOAD_BOTH})`], { cwd: dir, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

describe('the real native modules', () => {
  it('ensure("node") in this project changes nothing and leaves better-sqlite3 and keytar loadable', async () => {
    const hashes = () =>
      REAL_MODULES.flatMap((name) =>
        native.nativeFiles(join(PROJECT, 'node_modules', name)).map((file: string) =>
          createHash('sha256').update(readFileSync(join(PROJECT, 'node_modules', name, file))).digest('hex'),
        ),
      );
    const before = hashes();
    const outcome = await native.ensure('node', { log: () => {} });
    expect(outcome).toEqual({ 'better-sqlite3': 'current', keytar: 'current' });
    expect(hashes()).toEqual(before);
    const Database = createRequire(join(PROJECT, 'package.json'))('better-sqlite3');
    const db = new Database(':memory:');
    expect(db.prepare('select 41 + 1 as x').get()).toEqual({ x: 42 });
    db.close();
  });

  it('restores the real Node build over an Electron one, loadable again (in a copy of the modules)', async () => {
    // A copy: swapping files in this project's node_modules would pull them from under parallel test workers.
    write(join(root, 'package.json'), '{"name":"copy"}');
    write(join(root, 'node_modules/electron/package.json'), '{"name":"electron","version":"40.8.5"}');
    write(join(root, 'node_modules/electron/abi_version'), '143');
    for (const name of [...REAL_MODULES, 'bindings', 'file-uri-to-path']) {
      cpSync(join(PROJECT, 'node_modules', name), join(root, 'node_modules', name), {
        recursive: true,
        filter: (source) => !/[\\/](deps|src|obj|obj\.target|\.deps)$/.test(source),
      });
    }
    expect(loadsIn(root)).toBe('44');
    expect(await native.ensure('node', { root, log: () => {} })).toEqual({ 'better-sqlite3': 'current', keytar: 'current' });

    // Stand in for an Electron build (which cannot be compiled here): files Node cannot load.
    for (const name of REAL_MODULES) {
      for (const file of native.nativeFiles(join(root, 'node_modules', name))) {
        write(join(native.cacheDir(root, ELECTRON_KEY, name), file), 'not a Node binary');
      }
    }
    const build = vi.fn();
    const restored = { 'better-sqlite3': 'restored', keytar: 'restored' };
    expect(await native.ensure('electron', { root, build, log: () => {} })).toEqual(restored);
    expect(loadsIn(root)).toBeNull();

    expect(await native.ensure('node', { root, build, log: () => {} })).toEqual(restored);
    expect(loadsIn(root)).toBe('44');
    expect(build).not.toHaveBeenCalled();
  });
});
