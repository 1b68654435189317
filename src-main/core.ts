// Composition root: builds every service from configuration. The Electron shell and the headless host call
// createCore and only add a transport; no service knows which transport it is behind.
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import packageJson from '../package.json';
import { createDispatcher, createHandlers, type Dispatcher } from './api';
import { DemoVenue, VenueDirectory } from './exchanges';
import { PreferencesService } from './settings';
import { openDatabase, SettingsRepository } from './storage';
import { CandleStreams } from './streaming';

export interface CoreOptions {
  /** Where the database and other state live. Created when missing. */
  dataDir: string;
  /** Which transport carries the API, reported to the renderer by `app:info`. */
  transport: 'ipc' | 'websocket';
  /** Seed of the demo venue's simulated market: the same seed replays the same market. Random when absent. */
  demoSeed?: number;
  /** Interval of the demo venue's ticks. */
  demoTickMs?: number;
}

export interface Core {
  readonly dispatcher: Dispatcher;
  readonly dataDir: string;
  close(): Promise<void>;
}

export const DATABASE_FILE = 'trade-bot.sqlite';

export async function createCore(options: CoreOptions): Promise<Core> {
  const db = openDatabase(join(options.dataDir, DATABASE_FILE));
  const settings = new SettingsRepository(db);

  const demoSeed = options.demoSeed ?? randomInt(1, 2 ** 31);
  const demo = new DemoVenue({ seed: demoSeed, ...(options.demoTickMs ? { tickMs: options.demoTickMs } : {}) });

  const venues = new VenueDirectory();
  venues.add({ venue: demo, live: demo, mode: 'demo' });
  const streams = new CandleStreams((venue) => venues.liveSource(venue));
  const preferences = new PreferencesService(settings, venues);

  const dispatcher = createDispatcher(
    createHandlers({
      identity: { name: packageJson.productName, version: packageJson.version, transport: options.transport },
      venues,
      streams,
      preferences,
    }),
  );

  return {
    dispatcher,
    dataDir: options.dataDir,
    async close() {
      streams.close();
      demo.close();
      db.close();
    },
  };
}
