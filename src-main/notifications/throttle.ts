// Caps repeats so that a flapping alert or a burst of fills cannot flood the trader's phone (SMS costs money) or
// inbox: the same message on the same channel at most `repeatLimit` times per window, and each channel at most
// `channelLimit` messages per window whatever they say. Sliding windows, counted only for messages let through.
import type { DeliveryChannel } from '../../src-shared';

export interface ThrottleOptions {
  windowMs: number;
  /** The same (channel, key) within the window. */
  repeatLimit: number;
  /** Anything on one channel within the window. */
  channelLimit: Record<DeliveryChannel, number>;
}

export const DEFAULT_THROTTLE: ThrottleOptions = {
  windowMs: 10 * 60_000,
  repeatLimit: 3,
  channelLimit: { desktop: 60, email: 30, sms: 10 },
};

export type ThrottleVerdict = { allowed: true } | { allowed: false; reason: string };

export class Throttle {
  private readonly sent = new Map<string, number[]>();

  constructor(private readonly options: ThrottleOptions = DEFAULT_THROTTLE) {}

  /** Whether a message may go now; when it may, it is counted. */
  admit(channel: DeliveryChannel, key: string, now: number): ThrottleVerdict {
    const minutes = Math.round(this.options.windowMs / 60_000);
    const repeats = this.recent(`${channel}\u0000${key}`, now);
    if (repeats.length >= this.options.repeatLimit) {
      return { allowed: false, reason: `the same ${channel} notification was sent ${repeats.length} times in the last ${minutes} min; repeats are held back` };
    }
    const all = this.recent(channel, now);
    const limit = this.options.channelLimit[channel];
    if (all.length >= limit) {
      return { allowed: false, reason: `${limit} ${channel} notifications were sent in the last ${minutes} min, the most allowed; try again later` };
    }
    repeats.push(now);
    all.push(now);
    return { allowed: true };
  }

  private recent(key: string, now: number): number[] {
    const since = now - this.options.windowMs;
    const kept = (this.sent.get(key) ?? []).filter((at) => at > since);
    this.sent.set(key, kept);
    return kept;
  }
}

/**
 * Test messages, which the trader sends by hand and which skip the throttle above: at most `limit` per channel per
 * window, so that the settings screen cannot be used to flood an inbox or a phone (or to try passwords on a mail
 * server) however fast it is called.
 */
export class TestRateLimit {
  private readonly sent = new Map<DeliveryChannel, number[]>();

  constructor(
    readonly limit = 5,
    readonly windowMs = 60_000,
  ) {}

  /** Counts a test on `channel` now, or says in how many milliseconds the next one is allowed. */
  admit(channel: DeliveryChannel, now: number): { allowed: true } | { allowed: false; retryAfterMs: number } {
    const recent = (this.sent.get(channel) ?? []).filter((at) => at > now - this.windowMs);
    this.sent.set(channel, recent);
    if (recent.length >= this.limit) return { allowed: false, retryAfterMs: recent[0]! + this.windowMs - now };
    recent.push(now);
    return { allowed: true };
  }
}
