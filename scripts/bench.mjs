// `npm run bench -- <name>`: runs bench/<name>/index.mjs. Each benchmark prints its figures and ends with one line
// of JSON: {"bench":"<name>", ...}.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const name = process.argv[2];
const available = readdirSync('bench', { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name>   (one of: ${available.join(', ')})`);
  process.exit(2);
}
const entry = join('bench', name, 'index.mjs');
if (!existsSync(entry)) {
  console.error(`${entry} is missing`);
  process.exit(2);
}
const result = spawnSync(process.execPath, [entry, ...process.argv.slice(3)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
