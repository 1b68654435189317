// Benchmarks are plain Node scripts; the code they measure is TypeScript. This bundles one TS entry with Vite
// (already a dev dependency) into a temporary folder and imports it — the same transpilation the app's build uses.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';

export async function loadTs(entry) {
  const outDir = mkdtempSync(join(tmpdir(), 'tbs-bench-'));
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: resolve(entry),
      outDir,
      minify: false,
      rollupOptions: { output: { format: 'esm', entryFileNames: 'entry.mjs' } },
    },
  });
  return import(pathToFileURL(join(outDir, 'entry.mjs')).href);
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
