// `npm run server`: builds the account server (src-server/main.ts) into out/server with Vite, packages left as
// imports, then runs it on Node. Its settings come from the environment: see docs/account-server.md.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'vite';
import { ensure, NativeModulesError, PROJECT_ROOT } from './native-modules.mjs';

const OUT_DIR = join(PROJECT_ROOT, 'out', 'server');

export async function buildServer() {
  await build({
    configFile: false,
    root: PROJECT_ROOT,
    logLevel: 'warn',
    build: {
      ssr: join(PROJECT_ROOT, 'src-server', 'main.ts'),
      outDir: OUT_DIR,
      emptyOutDir: true,
      target: 'node20',
      rollupOptions: { output: { format: 'esm', entryFileNames: 'main.mjs' } },
    },
  });
  return join(OUT_DIR, 'main.mjs');
}

const entry = await buildServer();
try {
  await ensure('node');
} catch (error) {
  if (!(error instanceof NativeModulesError)) throw error;
  console.error(`server: ${error.message}`);
  process.exit(1);
}
const result = spawnSync(process.execPath, [entry, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
