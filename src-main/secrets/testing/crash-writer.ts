// A child process for the crash test (file-secret-store.test.ts): opens the key file and rewrites it as fast as it
// can until it is killed, printing each change once it is on disk. Argv: path, passphrase, scrypt N.
import { FileSecretStore } from '../file-secret-store';

async function main(): Promise<void> {
  const [path, passphrase, n] = process.argv.slice(2);
  if (!path || !passphrase || !n) throw new Error('usage: crash-writer PATH PASSPHRASE N');
  const store = new FileSecretStore(path, { cost: { N: Number(n), r: 8, p: 1 } });
  await store.unlock(passphrase);
  let counter = Number(((await store.get('counter')) ?? '0:').split(':')[0]);
  process.stdout.write('ready\n');
  for (;;) {
    counter += 1;
    // A large value makes each write take long enough for a kill to land in the middle of one.
    await store.set('counter', `${counter}:`.padEnd(200_000, 'x'));
    process.stdout.write(`committed ${counter}\n`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
