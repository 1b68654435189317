// One ccxt.pro-style `watch*` loop: call, hand over the value, call again. A failure that may heal (a dropped
// socket, a refused connection) is retried after a backoff delay and reported as `reconnecting`; a failure that will
// not heal, or too many in a row, ends the loop in `failed` with the reason.
import { backoffDelay, type BackoffPolicy } from './backoff';
import type { StatusListener } from './source';

export interface WatchLoopOptions<T> {
  /** Names the stream in reasons ("BTC/USDT 1m candles"). */
  name: string;
  watch: () => Promise<T>;
  /** Awaited before the next watch: a slow consumer holds the loop instead of piling values up. */
  onValue: (value: T) => void | Promise<void>;
  onStatus: StatusListener;
  backoff: BackoffPolicy;
  /** False for errors that retrying cannot fix (an unknown symbol, a refused subscription). */
  isRetryable: (error: unknown) => boolean;
  random?: () => number;
  /** Called with every delay before it is waited: lets tests see the schedule. */
  onDelay?: (attempt: number, delayMs: number) => void;
}

export interface WatchLoop {
  /** Ends the loop; the pending watch is abandoned (its owner unsubscribes upstream). */
  stop(): void;
  /** Settles when the loop has ended, by stop() or by failing. */
  readonly done: Promise<void>;
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // ccxt prefixes messages with the exchange id and may append a whole JSON body: keep the first line, short.
  return text.split('\n')[0]!.slice(0, 200);
}

export function startWatchLoop<T>(options: WatchLoopOptions<T>): WatchLoop {
  let stopped = false;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const run = async (): Promise<void> => {
    let failures = 0;
    let live = false;
    while (!stopped) {
      let value: T;
      try {
        value = await options.watch();
      } catch (error) {
        if (stopped) return;
        live = false;
        failures++;
        const reason = messageOf(error);
        if (!options.isRetryable(error)) {
          options.onStatus({ status: 'failed', reason: `${options.name}: ${reason}` });
          return;
        }
        if (failures > options.backoff.maxAttempts) {
          options.onStatus({ status: 'failed', reason: `${options.name}: gave up after ${failures - 1} reconnects (${reason})` });
          return;
        }
        const delay = backoffDelay(failures, options.backoff, options.random);
        options.onDelay?.(failures, delay);
        options.onStatus({ status: 'reconnecting', reason: `${reason}; retry ${failures} of ${options.backoff.maxAttempts} in ${(delay / 1000).toFixed(1)} s` });
        await sleep(delay);
        continue;
      }
      if (stopped) return;
      if (!live) {
        live = true;
        failures = 0;
        options.onStatus({ status: 'live' });
      }
      await options.onValue(value);
    }
  };

  const done = run().catch((error: unknown) => {
    // onValue or onStatus threw: a bug in a consumer, not in the feed. Report it instead of dying silently.
    if (!stopped) options.onStatus({ status: 'failed', reason: `${options.name}: ${messageOf(error)}` });
  });
  return {
    stop() {
      stopped = true;
      wake?.();
    },
    done,
  };
}
