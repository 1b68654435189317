// Entry of the headless host (`npm run host`, and `npm start` where Electron is missing): the whole core in a
// plain Node process, its UI served to a browser.
import { join } from 'node:path';
import { launchHost } from './launch';
import { UsageError } from './options';

async function main(): Promise<void> {
  const { stop: stopHost } = await launchHost(
    process.argv.slice(2),
    process.env,
    { isTTY: process.stdout.isTTY === true, log: (line) => console.log(line), warn: (line) => console.warn(line) },
    join(__dirname, '../renderer'),
  );

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void stopHost().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof UsageError ? error.message : error);
  process.exit(error instanceof UsageError ? 2 : 1);
});
