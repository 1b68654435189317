// One ccxt.pro-style `watch*` loop: call, hand over the value, call again. A failure that may heal (a dropped
// socket, a refused connection) is retried after a backoff delay and reported as `reconnecting`. After the fast
// phase the loop does not end while it is wanted: it waits on the venue's link (`offline`), which probes the venue at
// a slow pace and releases every waiting loop of the venue at once when it answers. Only a failure that retrying
// cannot fix (an unknown symbol), or a loop without a link, ends in `failed` with the reason.
import type { StatusListener } from '../ports';
import { backoffDelay, type BackoffPolicy } from './backoff';

/**
 * What a loop needs of its venue's reachability link (src-main/resilience's VenueLink, handed in by the composition
 * root): declared here so that the venue's code does not depend on the resilience layer that wraps it.
 */
export interface VenueReach {
  readonly state: { state: 'live' } | { state: 'offline'; reason: string; nextProbeAt?: number } | { state: 'rejected'; reason: string };
  /** Waits until the venue answers; `probe` is this loop's own call, tried as the venue's probe. */
  whenReachable(reason: string, probe?: () => Promise<void>): { reachable: Promise<void>; cancel: () => void };
  onChange(listener: (state: VenueReach['state']) => void): () => void;
  /** How long to hold a connection attempt while the venue's attempt limit is spent (0: go now). */
  reserveAttempt(): number;
  /** A call got through: the venue is reachable. */
  reached(): void;
}

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
  /** The venue's reachability: where the loop waits after its fast phase instead of giving up. */
  link?: VenueReach;
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

  /** Waits on the venue's link until it answers; the value of the call that proved it is returned, if it was ours. */
  const waitForVenue = async (reason: string): Promise<{ value: T } | undefined> => {
    const link = options.link!;
    let probed: { value: T } | undefined;
    const wait = link.whenReachable(reason, async () => {
      probed = { value: await options.watch() };
    });
    const showOffline = () => {
      const state = link.state;
      if (state.state !== 'offline') return;
      const change = { status: 'offline' as const, reason: `${options.name}: venue unreachable (${state.reason})` };
      options.onStatus(state.nextProbeAt === undefined ? change : { ...change, retryAt: state.nextProbeAt });
    };
    const stopWatching = link.onChange(showOffline);
    showOffline();
    const cancelOnStop = new Promise<void>((resolve) => {
      wake = resolve;
    });
    try {
      await Promise.race([wait.reachable, cancelOnStop]);
    } finally {
      stopWatching();
      wait.cancel();
    }
    return probed;
  };

  /** Holds a reconnect while the venue's connection-attempt limit is spent. */
  const reserveAttempt = async (): Promise<void> => {
    for (;;) {
      const wait = options.link?.reserveAttempt() ?? 0;
      if (wait <= 0 || stopped) return;
      await sleep(wait);
    }
  };

  const run = async (): Promise<void> => {
    let failures = 0;
    let live = false;
    let probed: { value: T } | undefined;
    while (!stopped) {
      let value: T;
      try {
        if (probed) {
          value = probed.value;
          probed = undefined;
        } else {
          if (failures > 0) await reserveAttempt();
          if (stopped) return;
          value = await options.watch();
        }
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
          if (!options.link) {
            options.onStatus({ status: 'failed', reason: `${options.name}: gave up after ${failures - 1} reconnects (${reason})` });
            return;
          }
          probed = await waitForVenue(reason);
          // Released: the venue answered. A failure now goes straight back to waiting, not through the fast phase.
          failures = options.backoff.maxAttempts;
          continue;
        }
        const delay = backoffDelay(failures, options.backoff, options.random);
        options.onDelay?.(failures, delay);
        options.onStatus({
          status: 'reconnecting',
          reason: `${reason}; retry ${failures} of ${options.backoff.maxAttempts} in ${(delay / 1000).toFixed(1)} s`,
          retryAt: Date.now() + delay,
        });
        await sleep(delay);
        continue;
      }
      if (stopped) return;
      options.link?.reached();
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
