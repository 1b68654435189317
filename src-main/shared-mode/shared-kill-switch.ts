// One kill switch for all processes. Each process keeps its own (it knows its own venues and orders); this bridge
// makes an engage seen from another process engage this one too, which cancels this process's own orders, and an
// explicit release in any process release it here. Only transitions are acted on: an engaged switch that hears
// "engaged" again does not sweep again, so the processes' echoes of each other end at once.
//
// The stream carries each change to the processes running when it is made; the record (kill-switch-record.ts) holds
// the latest one for a process that joins later or comes back after Redis was away. Both go through `apply`, so a
// change heard twice (the stream and the record) acts once, and an older one never undoes a newer one.
import type { KillSwitchState } from '../../src-shared';
import type { RecordedChange, KillSwitchRecord } from './kill-switch-record';
import type { SharedEventBus } from './shared-bus';

/** What the bridge needs of src-main/risk's KillSwitch. */
export interface KillSwitchPort {
  readonly engaged: boolean;
  state(): KillSwitchState;
  engage(reason?: string): unknown;
  release(): unknown;
}

export interface ShareKillSwitchOptions {
  /** Where the latest change is kept for processes that join later; without it only the stream is used. */
  record?: Pick<KillSwitchRecord, 'read' | 'write'>;
  /** Told each time another process's change is applied here (for the risk log). */
  onApplied?: (change: 'engaged' | 'released', origin: string) => void;
  onError?: (error: unknown) => void;
}

export interface SharedKillSwitch {
  /** Reads the latest change of all processes and applies it here (at join, and when Redis answers again). */
  catchUp(): Promise<void>;
  stop(): void;
}

export function shareKillSwitch(bus: SharedEventBus, killSwitch: KillSwitchPort, options: ShareKillSwitchOptions = {}): SharedKillSwitch {
  let releasedAt = 0;
  // When this process's engage came from another process, the time of that engage: a release made after it (but
  // before this process applied it, e.g. while it was joining) still undoes it.
  let adoptedEngageAt: number | undefined;
  let latest: RecordedChange | undefined;

  const remember = (change: RecordedChange): void => {
    if (latest && latest.at > change.at) return;
    // A sweep's progress is published as changes too: the record needs only the switch's turns.
    const sameTurn = latest?.engaged === change.engaged && latest.origin === change.origin && latest.engagedAt === change.engagedAt;
    latest = change;
    if (sameTurn) return;
    options.record?.write(change).catch((error: unknown) => options.onError?.(error));
  };

  const apply = (change: RecordedChange): void => {
    if (change.origin === bus.processId) {
      if (!change.engaged) releasedAt = Math.max(releasedAt, change.at);
      return;
    }
    if (change.engaged && !killSwitch.engaged) {
      const engagedAt = change.engagedAt ?? change.at;
      // An engage older than this process's own latest release is history, not a new engage.
      if (engagedAt < releasedAt) return;
      killSwitch.engage(adoptedReason(change.reason));
      adoptedEngageAt = engagedAt;
      options.onApplied?.('engaged', change.origin);
    } else if (!change.engaged && killSwitch.engaged) {
      // A release only undoes an engage that came before it: one engaged here later stays.
      const engagedAt = adoptedEngageAt ?? killSwitch.state().engagedAt ?? 0;
      if (engagedAt > change.at) return;
      releasedAt = change.at;
      adoptedEngageAt = undefined;
      killSwitch.release();
      options.onApplied?.('released', change.origin);
    }
  };

  // This process's own release counts from the moment it is made, not when its event comes back from the stream:
  // another process's engage made before it, arriving in between, must not engage this one again.
  const stopLocal = bus.local.subscribe('risk.kill-switch.changed', (state) => {
    if (!state.engaged) releasedAt = Math.max(releasedAt, Date.now());
  });
  const stopListening = bus.subscribeShared('risk.kill-switch.changed', (event) => {
    const { engaged, engagedAt, reason } = event.payload;
    const change: RecordedChange = { engaged, at: event.at, origin: event.origin, ...(engagedAt === undefined ? {} : { engagedAt }), ...(reason === undefined ? {} : { reason }) };
    remember(change);
    apply(change);
  });

  return {
    async catchUp() {
      const recorded = await options.record?.read();
      if (recorded) apply(recorded);
      // The latest change seen here may not have reached the record (Redis was away when it was written).
      if (latest && (!recorded || recorded.at < latest.at)) await options.record?.write(latest);
    },
    stop() {
      stopLocal();
      stopListening();
    },
  };
}

const FROM_ANOTHER = 'engaged in another process';

/** The reason shown here: the origin's own, said to come from another process (once, however far it travelled). */
function adoptedReason(reason: string | undefined): string {
  if (!reason) return FROM_ANOTHER;
  return reason.endsWith(FROM_ANOTHER) ? reason : `${reason}; ${FROM_ANOTHER}`;
}
