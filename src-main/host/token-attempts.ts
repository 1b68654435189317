// Failed token attempts per client address. A few mistakes are free (a stale tab, a mistyped token); after that each
// further failure holds the address back twice as long, up to a ceiling, and a right token clears the record. While
// held back the token is not even compared, so guessing gains nothing by hammering.

export interface TokenAttemptLimits {
  /** Failures allowed before any delay. */
  freeFailures: number;
  /** Hold-back after the first failure beyond the free ones; doubles with each further failure. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A record with no failure for this long is forgotten. */
  forgetAfterMs: number;
  /** At most this many addresses are remembered (the least recently failed are dropped first): memory stays bounded. */
  maxTracked: number;
}

export const DEFAULT_TOKEN_ATTEMPT_LIMITS: TokenAttemptLimits = {
  freeFailures: 5,
  firstDelayMs: 1_000,
  maxDelayMs: 60_000,
  forgetAfterMs: 15 * 60_000,
  maxTracked: 10_000,
};

interface Record {
  failures: number;
  lastFailureAt: number;
  heldUntil: number;
}

/** `::ffff:1.2.3.4` and `1.2.3.4` are the same client. */
export function clientAddress(remoteAddress: string | undefined): string {
  const address = remoteAddress ?? 'unknown';
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}

export class TokenAttempts {
  private readonly records = new Map<string, Record>();

  constructor(
    private readonly limits: TokenAttemptLimits = DEFAULT_TOKEN_ATTEMPT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds the address must still wait before its token is looked at; 0 when it may try now. */
  retryAfterMs(address: string): number {
    const record = this.current(address);
    return record ? Math.max(0, record.heldUntil - this.now()) : 0;
  }

  failed(address: string): void {
    const now = this.now();
    const record = this.current(address) ?? { failures: 0, lastFailureAt: now, heldUntil: 0 };
    record.failures += 1;
    record.lastFailureAt = now;
    const beyond = record.failures - this.limits.freeFailures;
    if (beyond > 0) {
      const delay = this.limits.firstDelayMs * 2 ** Math.min(beyond - 1, 30);
      record.heldUntil = now + Math.min(delay, this.limits.maxDelayMs);
    }
    // Re-inserted so the map's order is least recently failed first: the first key is the one to drop.
    this.records.delete(address);
    this.records.set(address, record);
    while (this.records.size > this.limits.maxTracked) this.records.delete(this.records.keys().next().value!);
  }

  succeeded(address: string): void {
    this.records.delete(address);
  }

  get tracked(): number {
    return this.records.size;
  }

  private current(address: string): Record | undefined {
    const record = this.records.get(address);
    if (record && this.now() - record.lastFailureAt > this.limits.forgetAfterMs && this.now() >= record.heldUntil) {
      this.records.delete(address);
      return undefined;
    }
    return record;
  }
}
