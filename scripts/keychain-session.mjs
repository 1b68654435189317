// Runs a command with a real, private keychain: a D-Bus session of its own (dbus-run-session) with an unlocked
// gnome-keyring serving the Secret Service, so keytar talks to a real Secret Service without touching the user's
// keyring, and the keyring's files live in a throwaway folder inside the checkout (.xdg/, gitignored), not in HOME.
// Where dbus-run-session is missing (macOS, Windows) the command runs as it is and uses the OS keychain.
//
// Usage: node scripts/keychain-session.mjs <command> [args…]     (also imported by scripts/test.mjs)
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
/** The keyring is created for this session and deleted after it: its password protects nothing real. */
const KEYRING_PASSWORD = 'tbs-test-keyring';

// gnome-keyring hangs on a prompt, instead of failing, when its socket folder is missing: create every folder first.
// `--unlock` reads the password from stdin and creates the default ("login") keyring unlocked.
const START_KEYRING = `
if command -v gnome-keyring-daemon >/dev/null 2>&1; then
  printf '%s' "$TBS_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
else
  echo 'keychain-session: gnome-keyring-daemon is not installed: keychain tests will fail (apt-get install gnome-keyring)' >&2
fi
unset TBS_KEYRING_PASSWORD
exec "$@"`;

export function hasDbusRunSession() {
  return spawnSync('sh', ['-c', 'command -v dbus-run-session'], { stdio: 'ignore' }).status === 0;
}

/** Runs `command args` inside a private keychain session (or as it is, see above); returns its exit status. */
export function runInKeychainSession(command, args, { env = process.env, stdio = 'inherit' } = {}) {
  if (!hasDbusRunSession()) {
    if (env.TBS_REQUIRE_KEYCHAIN === '1') {
      console.error('keychain-session: dbus-run-session is not installed (apt-get install dbus): refusing to run without a keychain');
      return 1;
    }
    return spawnSync(command, args, { stdio, env }).status ?? 1;
  }
  // One folder per run: two runs in the same checkout never share a keyring.
  const home = join(ROOT, '.xdg', `session-${process.pid}-${Date.now()}`);
  const xdg = { XDG_DATA_HOME: join(home, 'data'), XDG_CONFIG_HOME: join(home, 'config'), XDG_CACHE_HOME: join(home, 'cache') };
  for (const folder of Object.values(xdg)) mkdirSync(folder, { recursive: true });
  try {
    const result = spawnSync('dbus-run-session', ['--', 'sh', '-c', START_KEYRING, 'sh', command, ...args], {
      stdio,
      env: { ...env, ...xdg, TBS_KEYRING_PASSWORD: KEYRING_PASSWORD },
    });
    return result.status ?? 1;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [command, ...args] = process.argv.slice(2);
  if (!command) {
    console.error('usage: node scripts/keychain-session.mjs <command> [args…]');
    process.exit(2);
  }
  process.exit(runInKeychainSession(command, args));
}
