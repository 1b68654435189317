// Fetches Electron's binary where the network allows it. package.json's allowScripts keeps npm from running
// electron's own install script (a failed download would abort the whole `npm ci`); this script runs it instead and
// turns a failure into one line, so the install still succeeds and `npm start` falls back to the headless host.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function electronInstallScript() {
  try {
    return require.resolve('electron/install.js');
  } catch {
    return null; // a production install without devDependencies: nothing to fetch
  }
}

const script = electronInstallScript();
if (script && process.env.ELECTRON_SKIP_BINARY_DOWNLOAD !== '1') {
  const result = spawnSync(process.execPath, [script], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 180_000 });
  if (result.status !== 0) {
    const lines = String(result.stderr ?? '').split('\n').map((line) => line.trim());
    const reason = lines.find((line) => /error/i.test(line)) ?? `exit ${result.status ?? result.signal}`;
    console.log(`Electron binary unavailable (${reason}); the desktop app is disabled, \`npm start\` runs the headless host.`);
  }
}
