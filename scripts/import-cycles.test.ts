// The whole import graph of the shipped sources has no cycle (type imports included), checked by a real
// dependency-cruiser run; and that run does find a cycle when there is one, shown on small trees in a temp folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeCycles, findImportCycles } from './import-cycles.mjs';

const root = path.resolve(import.meta.dirname, '..');

describe('the import graph', () => {
  it('has no cycle in src-main, src-renderer or src-shared', async () => {
    const cycles = describeCycles(await findImportCycles(root, ['src-main', 'src-renderer', 'src-shared']));
    // On failure the diff lists each cycle's files in order; break it by moving what both sides need lower down.
    expect(cycles).toEqual([]);
  }, 120_000);
});

describe('findImportCycles on a tree with a cycle', () => {
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  function tree(files: Record<string, string>): string {
    const folder = mkdtempSync(path.join(tmpdir(), 'import-cycles-'));
    folders.push(folder);
    writeFileSync(path.join(folder, 'tsconfig.json'), JSON.stringify({ compilerOptions: { moduleResolution: 'Bundler', module: 'ESNext' } }));
    for (const [file, code] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
      writeFileSync(path.join(folder, file), code);
    }
    return folder;
  }

  it('names the files of a cycle that only a type import closes, in order', async () => {
    const folder = tree({
      'src-main/storage/database.ts': "import { migrate } from './migrations';\nexport type Db = { name: string };\nexport const open = () => migrate;\n",
      'src-main/storage/migrations.ts': "import type { Db } from './database';\nexport const migrate = (db: Db) => db.name;\n",
    });
    expect(describeCycles(await findImportCycles(folder, ['src-main']))).toEqual([
      'src-main/storage/database.ts → src-main/storage/migrations.ts → src-main/storage/database.ts',
    ]);
  }, 60_000);

  it('follows a cycle across folders through their index.ts, reported once', async () => {
    const folder = tree({
      'src-main/exchanges/index.ts': "export { adapter } from './adapter';\n",
      'src-main/exchanges/adapter.ts': "import type { Spec } from '../resilience';\nexport const adapter = (s: Spec) => s;\n",
      'src-main/resilience/index.ts': "export type { Spec } from './spec';\nexport { wrap } from './wrap';\n",
      'src-main/resilience/spec.ts': 'export interface Spec { limit: number }\n',
      'src-main/resilience/wrap.ts': "import { adapter } from '../exchanges';\nexport const wrap = adapter;\n",
      'src-shared/ok.ts': 'export const ok = 1;\n',
    });
    expect(describeCycles(await findImportCycles(folder, ['src-main', 'src-shared']))).toEqual([
      'src-main/exchanges/adapter.ts → src-main/resilience/index.ts → src-main/resilience/wrap.ts → ' +
        'src-main/exchanges/index.ts → src-main/exchanges/adapter.ts',
    ]);
  }, 60_000);

  it('finds nothing in a tree whose imports go one way', async () => {
    const folder = tree({
      'src-main/storage/database.ts': "import type { Db } from './db';\nimport { migrate } from './migrations';\nexport const open = (db: Db) => migrate(db);\n",
      'src-main/storage/migrations.ts': "import type { Db } from './db';\nexport const migrate = (db: Db) => db.name;\n",
      'src-main/storage/db.ts': 'export type Db = { name: string };\n',
    });
    expect(await findImportCycles(folder, ['src-main'])).toEqual([]);
  }, 60_000);
});
