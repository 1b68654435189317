// Entry of the headless host (`npm run host`, and `npm start` where Electron is missing): the whole core in a
// plain Node process, its UI served to a browser.
import { join } from 'node:path';
import { AppError } from '../../src-shared';
import { createCore } from '../core';
import { chooseSecretStore } from '../secrets';
import { createToken } from './auth';
import { parseHostOptions, UsageError } from './options';
import { startHost } from './server';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

async function main(): Promise<void> {
  const options = parseHostOptions(process.argv.slice(2));
  const secrets = await chooseSecretStore({ choice: options.secrets, dataDir: options.dataDir });
  if (options.secretsPassphrase !== undefined) {
    // Before the core starts, so that the saved accounts reconnect at once; a wrong passphrase stops the start.
    try {
      await secrets.unlock(options.secretsPassphrase);
    } catch (error) {
      if (error instanceof AppError) throw new UsageError(`the key file did not open with the configured passphrase: ${error.message}`);
      throw error;
    }
  }
  const core = await createCore({
    secrets,
    dataDir: options.dataDir,
    transport: 'websocket',
    ...(options.demoSeed === undefined ? {} : { demoSeed: options.demoSeed }),
    ...(options.demoOutage === undefined ? {} : { demoOutage: options.demoOutage }),
  });
  const host = await startHost({
    dispatcher: core.dispatcher,
    token: options.token ?? createToken(),
    rendererDir: join(__dirname, '../renderer'),
    port: options.port,
    bind: options.bind,
  });
  if (!LOOPBACK.has(options.bind)) {
    console.warn(`warning: listening on ${options.bind}: anyone who can reach this address and has the token controls the app`);
  }
  console.log(`Trade Bot Scratch (headless) is running: open ${host.url}`);
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
