// What the app does when a venue is back — its link answered after an outage, or the machine woke up: the venue's
// open orders are reconciled against the journal, its balances read again (pushed as `balance.changed`), and one
// risk-log entry says what was found and what the kill switch is still doing there. The kill switch's own sweeps
// and the dead-man's lapse report are logged by the risk service itself; this entry points at them.
import { VENUE_NAMES, type KillSwitchState, type TradingMode, type VenueId } from '../src-shared';

export interface CatchUpReconcile {
  checked: number;
  resolved: number;
  adopted: number;
  unresolved: number;
}

export interface CatchUpPorts {
  /** Live venues with an account connected now (the demo and paper venues never leave). */
  connected(): VenueId[];
  reconcile(venue: VenueId, mode: TradingMode): Promise<CatchUpReconcile>;
  /** Reads the venue's balances and pushes them (`balance.changed`). */
  refreshBalances(venue: VenueId, mode: TradingMode): Promise<unknown>;
  killSwitch(): KillSwitchState;
  /** Sweeps of an engaged kill switch and of the dead-man's check try this venue now. */
  sweepNow(venue: VenueId): void;
  log(venue: VenueId, message: string): void;
}

export class CatchUp {
  /** One catch-up per venue at a time: a wake-up and the link's answer arriving together share it. */
  private readonly running = new Map<VenueId, Promise<void>>();

  constructor(private readonly ports: CatchUpPorts) {}

  /** The venue answers again after an outage (`why`: "back after 4 min offline"). */
  venueBack(venue: VenueId, why: string): Promise<void> {
    const running = this.running.get(venue);
    if (running) return running;
    const done = this.run(venue, why).finally(() => this.running.delete(venue));
    this.running.set(venue, done);
    return done;
  }

  /**
   * The machine woke up (after about `sleptMs` when the wall clock says so; the OS's resume does not): every connected
   * venue is caught up now, the offline ones when they answer.
   */
  async wokeUp(sleptMs?: number): Promise<void> {
    const why = `checked after the computer woke up${sleptMs === undefined ? '' : ` (asleep about ${describeDuration(sleptMs)})`}`;
    await Promise.all(this.ports.connected().map((venue) => this.venueBack(venue, why)));
  }

  /** An account connected for the first time or again: reconciled, sharing a catch-up already under way. */
  connected(venue: VenueId): Promise<unknown> {
    return this.running.get(venue) ?? this.ports.reconcile(venue, 'live');
  }

  private async run(venue: VenueId, why: string): Promise<void> {
    this.ports.sweepNow(venue);
    const [orders, balances] = await Promise.allSettled([this.ports.reconcile(venue, 'live'), this.ports.refreshBalances(venue, 'live')]);
    const parts = [
      orders.status === 'fulfilled'
        ? `open orders reconciled (${orders.value.checked} checked, ${orders.value.resolved} settled, ${orders.value.adopted} placed elsewhere adopted${orders.value.unresolved > 0 ? `, ${orders.value.unresolved} still being looked up` : ''})`
        : `open orders not reconciled yet (${reason(orders.reason)}); again when it answers`,
      balances.status === 'fulfilled' ? 'balances refreshed' : `balances not refreshed (${reason(balances.reason)})`,
    ];
    const kill = this.ports.killSwitch();
    if (kill.engaged) {
      const sweep = kill.venues.find((report) => report.venue === venue && report.mode === 'live');
      const open = sweep?.stillOpen ?? sweep?.outstanding.length ?? 0;
      parts.push(sweep?.status === 'done' ? 'kill switch engaged: no order left open there' : `kill switch engaged: sweeping again (${open} order${open === 1 ? '' : 's'} still open as last seen)`);
    }
    this.ports.log(venue, `${VENUE_NAMES[venue]} ${why}: ${parts.join('; ')}. See the entries before this one for what the kill switch and the dead-man did meanwhile.`);
  }
}

export function describeDuration(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}

function reason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);
}
