// Keeps the venues' own dead-man switches armed while the app runs: Gate cancels every open order unless its
// countdown is renewed in time, so if the app dies (crash, power, network) the orders go anyway. The countdown is
// renewed well before it runs out (30 s, every 10 s by default), so one late or failed heartbeat does not fire it.
//
// It never gives up either: a venue that cannot be reached is tried again at every heartbeat, and at once when it
// becomes reachable (`venueReachable`). When a renewal finally arrives more than the countdown after the last one
// (the network was gone, the venue was down, the laptop slept), the countdown ran out in between and the venue was
// due to cancel every open order: `onLapse` says so, and the risk service then makes sure of it the way the kill
// switch does — sweeping the venue until none of the orders placed before contact came back is open (see
// RiskService.deadManLapsed). Orders placed after that are the trader's new ones and are left alone.
import type { VenueId } from '../../src-shared';

export interface DeadManVenue {
  venue: VenueId;
  arm(timeoutS: number): Promise<void>;
}

export interface DeadManSwitchOptions {
  /** The connected venues that have a dead-man switch, asked at every heartbeat (accounts come and go). */
  venues: () => DeadManVenue[];
  timeoutS?: number;
  refreshMs?: number;
  onError?: (venue: VenueId, error: unknown) => void;
  /** A renewal came after the countdown had run out: from when it ran out to when contact came back. */
  onLapse?: (venue: VenueId, lapse: DeadManLapse) => void;
  now?: () => number;
}

export interface DeadManLapse {
  /** When the countdown ran out (the last renewal + the countdown). */
  from: number;
  /** When a renewal got through again. */
  to: number;
}

export class DeadManSwitch {
  private timer: NodeJS.Timeout | undefined;
  private readonly armed = new Map<VenueId, DeadManVenue>();
  /** When each venue's countdown was last renewed (kept across failures: the lapse is measured from it). */
  private readonly renewedAt = new Map<VenueId, number>();
  private readonly now: () => number;
  readonly timeoutS: number;
  readonly refreshMs: number;

  constructor(private readonly options: DeadManSwitchOptions) {
    this.timeoutS = options.timeoutS ?? 30;
    this.refreshMs = options.refreshMs ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  start(): void {
    if (this.timer) return;
    void this.heartbeat();
    this.timer = setInterval(() => void this.heartbeat(), this.refreshMs);
    this.timer.unref();
  }

  /** Renews every countdown now (or one venue's); resolves when each venue has answered. */
  async heartbeat(only?: VenueId): Promise<void> {
    const venues = this.options.venues().filter((v) => only === undefined || v.venue === only);
    await Promise.all(
      venues.map(async (v) => {
        try {
          await v.arm(this.timeoutS);
          this.renewed(v.venue, this.now());
          this.armed.set(v.venue, v);
        } catch (error) {
          this.options.onError?.(v.venue, error);
        }
      }),
    );
  }

  /** The venue answers again: its countdown is renewed now rather than at the next heartbeat. */
  venueReachable(venue: VenueId): void {
    if (this.timer) void this.heartbeat(venue);
  }

  private renewed(venue: VenueId, at: number): void {
    const last = this.renewedAt.get(venue);
    this.renewedAt.set(venue, Math.max(at, last ?? 0));
    const ranOutAt = last === undefined ? undefined : last + this.timeoutS * 1000;
    if (ranOutAt !== undefined && at > ranOutAt) this.options.onLapse?.(venue, { from: ranOutAt, to: at });
  }

  /** Venues whose countdown the last heartbeat renewed. */
  armedVenues(): VenueId[] {
    return [...this.armed.keys()];
  }

  /**
   * Stops renewing. With `disarm`, each countdown is cancelled too (a normal quit leaves resting orders alone);
   * without it the countdowns run out and the venues cancel the orders, as they would if the app had died.
   */
  async stop(options: { disarm: boolean }): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const armed = [...this.armed.values()];
    this.armed.clear();
    this.renewedAt.clear();
    if (!options.disarm) return;
    await Promise.all(armed.map((v) => v.arm(0).catch((error: unknown) => this.options.onError?.(v.venue, error))));
  }
}
