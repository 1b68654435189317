// `npm test`: typecheck, lint, unit and integration tests (vitest), then the e2e suite in Chromium (Playwright).
// Every step runs even after a failure, so one run reports everything; it ends with one line
// `N passed, N failed` over all suites and exits non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { runInKeychainSession } from './keychain-session.mjs';
import { ensure } from './native-modules.mjs';

const VITEST_REPORT = 'test-results/vitest-junit.xml';
const E2E_REPORT = 'test-results/e2e-junit.xml';

/** Totals of a JUnit report's root element. */
export function junitTotals(xml) {
  const root = /<testsuites\b([^>]*)>/.exec(xml)?.[1] ?? '';
  const attribute = (name) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(root)?.[1] ?? 0);
  const failed = attribute('failures') + attribute('errors');
  const skipped = attribute('skipped');
  return { passed: attribute('tests') - failed - skipped, failed, skipped };
}

function run(title, command, args, { keychain = false } = {}) {
  console.log(`\n▶ ${title}: ${[command, ...args].join(' ')}`);
  // Tests that need the keychain (and the host the e2e suite starts) get a private, real Secret Service.
  if (keychain) return runInKeychainSession(command, args) === 0;
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  return result.status === 0;
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const add = (counts) => {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
};
/** A whole-tree check (typecheck, lint) counts as one test. */
const check = (ok) => add({ passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 });

function suite(title, command, args, report) {
  rmSync(report, { force: true });
  const ok = run(title, command, args, { keychain: true });
  if (!existsSync(report)) return check(false); // it crashed before reporting anything
  const counts = junitTotals(readFileSync(report, 'utf8'));
  // A runner that exits non-zero with no failing test (a crash after the tests, an unhandled error) still fails.
  if (!ok && counts.failed === 0) counts.failed = 1;
  add(counts);
}

// After a desktop session node_modules may hold the Electron build of the native modules: tests need Node's.
await ensure('node');

check(run('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']));
check(run('lint', 'npx', ['eslint', '--max-warnings', '0', '.']));
suite('unit and integration tests', 'npx', ['vitest', 'run'], VITEST_REPORT);
suite('end-to-end tests in Chromium', 'npx', ['playwright', 'test'], E2E_REPORT);

const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
