// Each channel runs behind its own bulkhead, with a deadline per attempt and retries with growing waits for
// failures that can pass. A mail server that hangs fills only the email bulkhead: desktop and SMS go on at once.
import { AppError, isAppError } from '../../src-shared';
import { Bulkhead, systemClock, type BulkheadOptions, type Clock } from '../resilience';

export interface IsolationOptions {
  bulkhead: BulkheadOptions;
  /** Deadline of one attempt. */
  attemptTimeoutMs: number;
  /** Retries after the first attempt, for retryable failures only. */
  maxRetries: number;
  /** Wait before the first retry; doubles with each one. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_ISOLATION: IsolationOptions = {
  bulkhead: { concurrency: 2, queue: 100, queueTimeoutMs: 60_000 },
  attemptTimeoutMs: 20_000,
  maxRetries: 2,
  baseDelayMs: 1_000,
  maxDelayMs: 10_000,
};

export interface AttemptResult {
  detail: string;
  attempts: number;
}

export class AttemptsFailed extends Error {
  constructor(
    readonly lastError: unknown,
    readonly attempts: number,
  ) {
    super(lastError instanceof Error ? lastError.message : String(lastError));
    this.name = 'AttemptsFailed';
  }
}

export class IsolatedChannel {
  private readonly bulkhead: Bulkhead;

  constructor(
    readonly options: IsolationOptions = DEFAULT_ISOLATION,
    private readonly clock: Clock = systemClock,
  ) {
    this.bulkhead = new Bulkhead('notifications', options.bulkhead, clock);
  }

  /** Runs `send` in this channel's bulkhead; rejects with AttemptsFailed (holding the last error) when it gives up. */
  run(send: () => Promise<string>, { retries = this.options.maxRetries }: { retries?: number } = {}): Promise<AttemptResult> {
    let attempts = 0;
    const attempt = async (): Promise<AttemptResult> => {
      for (;;) {
        attempts++;
        try {
          return { detail: await this.withDeadline(send), attempts };
        } catch (error) {
          if (attempts > retries || !(isAppError(error) && error.retryable)) throw error;
          const backoff = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (attempts - 1));
          const wait = Math.max(backoff, isAppError(error) ? (error.retryAfterMs ?? 0) : 0);
          await new Promise<void>((resolve) => this.clock.setTimer(resolve, wait));
        }
      }
    };
    return this.bulkhead.execute(attempt).catch((error: unknown) => {
      throw new AttemptsFailed(error, attempts);
    });
  }

  private withDeadline(send: () => Promise<string>): Promise<string> {
    const ms = this.options.attemptTimeoutMs;
    return new Promise<string>((resolve, reject) => {
      const cancel = this.clock.setTimer(() => {
        reject(new AppError('TIMEOUT', `no answer within ${Math.round(ms / 100) / 10} s`, true));
      }, ms);
      send().then(
        (value) => {
          cancel();
          resolve(value);
        },
        (error: unknown) => {
          cancel();
          reject(error);
        },
      );
    });
  }
}
