// `npm run secrets -- migrate --from keychain --to file --data-dir DIR`: builds the app like `npm start` does, then
// runs the key-moving command (src-main/host/secrets-command.ts) on Node. Arguments after `--` go to the command.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensure, NativeModulesError, PROJECT_ROOT } from './native-modules.mjs';
import { build } from './start.mjs';

build();
try {
  await ensure('node');
} catch (error) {
  if (!(error instanceof NativeModulesError)) throw error;
  console.error(`secrets: ${error.message}`);
  process.exit(1);
}
const result = spawnSync(process.execPath, [join(PROJECT_ROOT, 'out', 'main', 'secrets.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
