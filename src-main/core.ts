// Composition root: builds every service from configuration. The Electron shell and the headless host call
// createCore and only add a transport; no service knows which transport it is behind.
import type { Dispatcher } from './api/dispatcher';

export interface CoreOptions {
  /** Where the database and other state live. Created when missing. */
  dataDir: string;
  /** Which transport carries the API, reported to the renderer by `app:info`. */
  transport: 'ipc' | 'websocket';
  /** Seed of the demo venue's simulated market; stored at first start so history stays the same across restarts. */
  demoSeed?: number;
  /** Interval of the demo venue's ticks. */
  demoTickMs?: number;
}

export interface Core {
  readonly dispatcher: Dispatcher;
  readonly dataDir: string;
  close(): Promise<void>;
}

export async function createCore(_options: CoreOptions): Promise<Core> {
  throw new Error('not built yet');
}
