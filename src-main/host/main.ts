// Entry of the headless host (`npm run host`, and `npm start` where Electron is missing): the whole core in a
// plain Node process, its UI served to a browser.
import { join } from 'node:path';
import { createCore } from '../core';
import { createToken } from './auth';
import { parseHostOptions, UsageError } from './options';
import { startHost } from './server';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

async function main(): Promise<void> {
  const options = parseHostOptions(process.argv.slice(2));
  const core = await createCore({
    dataDir: options.dataDir,
    transport: 'websocket',
    ...(options.demoSeed === undefined ? {} : { demoSeed: options.demoSeed }),
    ...(options.demoOutage === undefined ? {} : { demoOutage: options.demoOutage }),
  });
  const host = await startHost({
    dispatcher: core.dispatcher,
    token: options.token ?? createToken(),
    viewerToken: options.viewerToken,
    rendererDir: join(__dirname, '../renderer'),
    port: options.port,
    bind: options.bind,
  });
  if (!LOOPBACK.has(options.bind)) {
    console.warn(`warning: listening on ${options.bind}: anyone who can reach this address and has the token controls the app`);
  }
  console.log(`Trade Bot Scratch (headless) is running: open ${host.url}`);
  if (host.viewerUrl) console.log(`read-only viewers: open ${host.viewerUrl}`);
  console.log(`data folder: ${core.dataDir}`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void host
      .close()
      .then(() => core.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof UsageError ? error.message : error);
  process.exit(error instanceof UsageError ? 2 : 1);
});
