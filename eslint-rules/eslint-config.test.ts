// The project's real eslint.config.mjs, not just the rule in isolation: a layering violation makes `eslint` fail.
// Fixtures hold the violations; they are ignored by the config (a tree-wide `eslint .` must pass), so each is linted
// as text under the project path it pretends to live at.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

const FIXTURES = [
  { fixture: 'renderer-imports-main.ts', as: 'src-renderer/features/chart/chart-view.ts' },
  { fixture: 'domain-imports-internal.ts', as: 'src-main/trading/journal.ts' },
  { fixture: 'shared-uses-node.ts', as: 'src-shared/clock.ts' },
];

function fixture(name: string): string {
  return readFileSync(path.join(root, 'eslint-rules', 'fixtures', name), 'utf8');
}

async function lint(code: string, filePath: string) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  if (!result) throw new Error('eslint returned no result');
  return result.messages.map((m) => ({ ruleId: m.ruleId, message: m.message, line: m.line }));
}

describe('eslint.config.mjs', () => {
  it('fails a renderer file that imports src-main, and says to use window.api', async () => {
    const code = "import { createCore } from '../../src-main/core';\nexport const c = createCore;\n";
    const messages = await lint(code, 'src-renderer/features/x.ts');
    expect(messages).toEqual([
      {
        ruleId: 'layering/imports',
        line: 1,
        message: expect.stringContaining('src-renderer may not import src-main (src-main/core): talk to main through window.api'),
      },
    ]);
  });

  it('passes a renderer file that imports only src-shared', async () => {
    const code = "import { timeframeMs } from '../../src-shared';\nexport const minute = timeframeMs('1m');\n";
    expect(await lint(code, 'src-renderer/features/x.ts')).toEqual([]);
  });

  it('bans DOM and Node globals in src-shared but not in its tests', async () => {
    const code = 'export const width = (): number => window.innerWidth + Number(process.env.X);\n';
    const shared = await lint(code, 'src-shared/layout.ts');
    expect(shared.map((m) => m.ruleId)).toEqual(['no-restricted-globals', 'no-restricted-globals']);
    expect(shared[0]?.message).toContain('no DOM');
    expect(await lint(code, 'src-shared/layout.test.ts')).toEqual([]);
  });

  it('allows `_`-prefixed unused arguments only', async () => {
    const messages = await lint('export function f(_unused: number, used: number): void {}\n', 'src-main/trading/f.ts');
    expect(messages).toEqual([expect.objectContaining({ ruleId: '@typescript-eslint/no-unused-vars' })]);
    expect(messages[0]?.message).toContain("'used'");
  });

  it.each(FIXTURES)('reports the layering violation of fixtures/$fixture', async ({ fixture: name, as }) => {
    const messages = await lint(fixture(name), as);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages[0]?.ruleId).toBe('layering/imports');
  });

  it('makes the eslint command line exit 1 on a fixture', () => {
    // Exactly what `npx eslint` runs, fed the fixture on stdin under its pretend path.
    const bin = path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');
    const { fixture: name, as } = FIXTURES[0]!;
    const run = spawnSync(process.execPath, [bin, '--stdin', '--stdin-filename', as], {
      cwd: root,
      input: fixture(name),
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('layering/imports');
    expect(run.stdout).toContain('talk to main through window.api');
  });

  it('ignores the fixtures folder when the whole tree is linted', async () => {
    expect(await eslint.isPathIgnored(path.join(root, 'eslint-rules', 'fixtures', FIXTURES[0]!.fixture))).toBe(true);
  });
});
