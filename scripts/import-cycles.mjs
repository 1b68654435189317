// Finds every import cycle under the given folders with dependency-cruiser's `no-circular` rule
// (.dependency-cruiser.mjs). Through its API rather than its CLI: the CLI refuses Node 20, the API runs on it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { cruise } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import config from '../.dependency-cruiser.mjs';

/**
 * The cycles among `folders` (relative to `root`), each as the list of files it goes through, first file repeated
 * at the end. Each cycle once, however many of its edges dependency-cruiser reports.
 */
export async function findImportCycles(root, folders) {
  const tsConfigFile = path.join(root, config.options.tsConfig.fileName);
  const { tsConfig, ...options } = config.options;
  const result = await cruise(
    folders,
    { ...options, baseDir: root, validate: true, ruleSet: { forbidden: config.forbidden }, ...(existsSync(tsConfigFile) ? { tsConfig } : {}) },
    config.options.enhancedResolveOptions,
    existsSync(tsConfigFile) ? { tsConfig: extractTSConfig(tsConfigFile) } : {},
  );
  const cycles = new Map();
  for (const violation of result.output.summary.violations) {
    if (violation.rule.name !== 'no-circular' || !violation.cycle) continue;
    const files = [violation.from, ...violation.cycle.map((step) => (typeof step === 'string' ? step : step.name))];
    // The same cycle is reported from each of its edges: name it from its alphabetically first file.
    const ring = files.slice(0, -1);
    const start = ring.indexOf([...ring].sort()[0]);
    const rotated = [...ring.slice(start), ...ring.slice(0, start)];
    cycles.set(rotated.join('\n'), [...rotated, rotated[0]]);
  }
  return [...cycles.values()];
}

/** One line per cycle, the way a reader follows it: `a.ts → b.ts → a.ts`. */
export function describeCycles(cycles) {
  return cycles.map((files) => files.join(' → '));
}
