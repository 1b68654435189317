// Keeps the venues' own dead-man switches armed while the app runs: Gate cancels every open order unless its
// countdown is renewed in time, so if the app dies (crash, power, network) the orders go anyway. The countdown is
// renewed well before it runs out (30 s, every 10 s by default), so one late or failed heartbeat does not fire it.
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
}

export class DeadManSwitch {
  private timer: NodeJS.Timeout | undefined;
  private readonly armed = new Map<VenueId, DeadManVenue>();
  readonly timeoutS: number;
  readonly refreshMs: number;

  constructor(private readonly options: DeadManSwitchOptions) {
    this.timeoutS = options.timeoutS ?? 30;
    this.refreshMs = options.refreshMs ?? 10_000;
  }

  start(): void {
    if (this.timer) return;
    void this.heartbeat();
    this.timer = setInterval(() => void this.heartbeat(), this.refreshMs);
    this.timer.unref();
  }

  /** Renews every countdown now; resolves when each venue has answered. */
  async heartbeat(): Promise<void> {
    const venues = this.options.venues();
    await Promise.all(
      venues.map(async (v) => {
        try {
          await v.arm(this.timeoutS);
          this.armed.set(v.venue, v);
        } catch (error) {
          this.options.onError?.(v.venue, error);
        }
      }),
    );
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
    if (!options.disarm) return;
    await Promise.all(armed.map((v) => v.arm(0).catch((error: unknown) => this.options.onError?.(v.venue, error))));
  }
}
