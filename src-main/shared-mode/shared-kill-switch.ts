// One kill switch for all processes. Each process keeps its own (it knows its own venues and orders); this bridge
// makes an engage seen from another process engage this one too, which cancels this process's own orders, and an
// explicit release in any process release it here. Only transitions are acted on: an engaged switch that hears
// "engaged" again does not sweep again, so the processes' echoes of each other end at once.
import type { KillSwitchState } from '../../src-shared';
import type { SharedEventBus } from './shared-bus';

/** What the bridge needs of src-main/risk's KillSwitch. */
export interface KillSwitchPort {
  readonly engaged: boolean;
  state(): KillSwitchState;
  engage(reason?: string): unknown;
  release(): unknown;
}

export interface ShareKillSwitchOptions {
  /** Told each time another process's change is applied here (for the risk log). */
  onApplied?: (change: 'engaged' | 'released', origin: string) => void;
}

export function shareKillSwitch(bus: SharedEventBus, killSwitch: KillSwitchPort, options: ShareKillSwitchOptions = {}): () => void {
  let releasedAt = 0;
  return bus.subscribeShared('risk.kill-switch.changed', (event) => {
    if (event.origin === bus.processId) {
      if (!event.payload.engaged) releasedAt = Math.max(releasedAt, event.at);
      return;
    }
    const remote = event.payload;
    if (remote.engaged && !killSwitch.engaged) {
      // An engage older than this process's own latest release is history, not a new engage.
      if ((remote.engagedAt ?? event.at) < releasedAt) return;
      killSwitch.engage(remote.reason ? `${remote.reason} (engaged in another process)` : 'engaged in another process');
      options.onApplied?.('engaged', event.origin);
    } else if (!remote.engaged && killSwitch.engaged) {
      // A release only undoes an engage that came before it: one engaged here later stays.
      const engagedAt = killSwitch.state().engagedAt ?? 0;
      if (engagedAt > event.at) return;
      releasedAt = event.at;
      killSwitch.release();
      options.onApplied?.('released', event.origin);
    }
  });
}
