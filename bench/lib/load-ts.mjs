// Benchmarks are plain Node scripts; the code they measure is TypeScript. This bundles one TS entry with Vite
// (already a dev dependency, the same transpilation the app's build uses) and imports it. The bundle goes to .tmp/
// inside the project, not the system temp folder: packages left external (better-sqlite3, cockatiel, zod) are then
// resolved from the project's node_modules, as Node looks for them upwards from the bundle's own location.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';

const ROOT = resolve(import.meta.dirname, '../..');

export async function loadTs(entry) {
  const parent = join(ROOT, '.tmp');
  mkdirSync(parent, { recursive: true });
  const outDir = mkdtempSync(join(parent, 'bench-'));
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    build: {
      ssr: resolve(ROOT, entry),
      outDir,
      minify: false,
      rollupOptions: { output: { format: 'es', entryFileNames: 'entry.mjs' } },
    },
  });
  const module = await import(pathToFileURL(join(outDir, 'entry.mjs')).href);
  // Imported modules stay loaded; the files are no longer needed.
  rmSync(outDir, { recursive: true, force: true });
  return module;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
