import { execFileSync } from 'node:child_process';

/** The e2e suite runs the built app, exactly as `npm start` does: build it once before the tests. */
export default function globalSetup(): void {
  if (process.env.E2E_SKIP_BUILD === '1') return;
  execFileSync('npx', ['electron-vite', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
