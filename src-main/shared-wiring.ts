// Shared mode in the composition root: the bus every service gets, which is the process's own bus and, with
// `--redis`, also the shared one (outbox → Redis stream); the notification service's bus, whose durable topics come
// from a consumer group so that one process of all sends each e-mail; the shared budgets and kill switch; and the
// plan check (with an account server, shared mode is part of Pro; refused, the process works alone).
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError, DeliveryLogEntry, type LoggedType, type ProcessRole, type SharedModeStatus, type VenueId } from '../src-shared';
import { InProcessEventBus, type BusTopics, type EventBus, type Subscriber, type Topic } from './events';
import type { ResilienceRegistry } from './resilience';
import { FrameGate } from './streaming';
import { DURABLE_TOPICS, SharedMode, type KillSwitchPort } from './shared-mode';
import type { SqliteDatabase } from './storage';

export interface SharedOptions {
  /** redis://… or rediss://… */
  url: string;
  password?: string;
  role: ProcessRole;
  /** Shown in the Processes panel; the host name when absent. */
  name?: string;
  /** Processes behind one egress IP share one budget: give them the same label (default: one budget per Redis). */
  egress?: string;
}

const PROCESS_ID_FILE = 'shared-process-id';
/** How often at most another process's trading makes this one read a venue's orders and balances again. */
const FOLLOW_EVERY_MS = 15_000;
const durable = new Set<string>(DURABLE_TOPICS);
/** The notifications made from durable topics: one process of all delivers each (account and test ones stay local). */
const DELIVERED_ONCE = new Set<LoggedType>(['trade-executed', 'price-alert', 'risk-limit', 'plan']);

/** Another process's delivery, as read from Redis; its text is cut to these lengths before it is logged here. */
const Delivered = z.object({ entry: DeliveryLogEntry.omit({ id: true }), by: z.string() });
const MAX_SUBJECT = 300;
const MAX_DETAIL = 2_000;
const MAX_NAME = 100;

/** What the delivery log mirror needs of the notification service. */
export interface DeliveryRecorder {
  recordDeliveredElsewhere(entry: Omit<DeliveryLogEntry, 'id'>, by: string): unknown;
}
const OFF: SharedModeStatus = { enabled: false, outboxBacklog: 0, processes: [] };

export class SharedWiring {
  readonly local = new InProcessEventBus();
  /** The bus for every service: local always, shared too while shared mode runs. */
  readonly bus: EventBus;
  private mode: SharedMode | undefined;
  private problem: string | undefined;
  private name = '';
  private readonly followGates: FrameGate[] = [];
  private readonly listeners: Array<(status: SharedModeStatus) => void> = [];

  private constructor() {
    this.bus = {
      publish: <T extends Topic>(topic: T, payload: BusTopics[T]) => (this.mode ? this.mode.bus.publish(topic, payload) : this.local.publish(topic, payload)),
      subscribe: <T extends Topic>(topic: T, subscriber: Subscriber<T>) => this.local.subscribe(topic, subscriber),
    };
  }

  /** `problem`: why the saved setting could not be used (the process works alone and the status says why). */
  static async start(options: SharedOptions | undefined, db: SqliteDatabase, dataDir: string, version: string, accounts: () => string[], problem?: string): Promise<SharedWiring> {
    const wiring = new SharedWiring();
    wiring.problem = problem;
    if (!options) return wiring;
    wiring.name = options.name ?? (options.role === 'host' ? 'host' : 'desktop');
    wiring.mode = await SharedMode.start({
      url: options.url,
      ...(options.password === undefined ? {} : { password: options.password }),
      db,
      processId: processIdIn(dataDir),
      name: wiring.name,
      role: options.role,
      version,
      ...(options.egress === undefined ? {} : { egress: options.egress }),
      accounts,
      local: wiring.local,
      onStatus: (status) => wiring.tell(status),
      log: (message) => console.warn(message),
    });
    return wiring;
  }

  /**
   * The notification service's bus: in shared mode its durable topics (alerts, trades, risk, payments) come from a
   * consumer group of all processes, so each becomes one e-mail; alone (or after a refusal), the local bus.
   */
  notificationsBus(): EventBus {
    const once = this.mode?.onceBus('notifications');
    return {
      publish: this.bus.publish,
      subscribe: <T extends Topic>(topic: T, subscriber: Subscriber<T>) => {
        const viaGroup = once !== undefined && durable.has(topic);
        const offLocal = this.local.subscribe(topic, (payload) => (viaGroup && this.mode ? undefined : subscriber(payload)));
        const offGroup = viaGroup ? once.subscribe(topic, (payload) => (this.mode ? subscriber(payload) : undefined)) : () => undefined;
        return () => {
          offLocal();
          offGroup();
        };
      },
    };
  }

  /**
   * One process delivers each shared notification (see notificationsBus); it tells the others, and each of their
   * delivery logs gets an entry saying which process delivered it. Every process's log tells of every alert.
   */
  shareDeliveryLog(recorder: DeliveryRecorder): void {
    const mode = this.mode;
    if (!mode) return;
    this.local.subscribe('notification.logged', (entry) => {
      if (this.mode !== mode || !DELIVERED_ONCE.has(entry.type) || entry.outcome === 'other-process') return;
      const { id: _id, ...delivered } = entry;
      mode.bus.publish('notification.delivered', { entry: delivered, by: this.name });
    });
    mode.bus.subscribeShared('notification.delivered', (event) => {
      if (event.origin === mode.bus.processId) return;
      // From Redis: checked and bounded before it is written to this process's log; anything else is dropped.
      const told = Delivered.safeParse(event.payload);
      if (!told.success) return;
      const { entry, by } = told.data;
      recorder.recordDeliveredElsewhere({ ...entry, subject: entry.subject.slice(0, MAX_SUBJECT), detail: entry.detail.slice(0, MAX_DETAIL) }, by.slice(0, MAX_NAME));
    });
  }

  /**
   * Another process's alerts and risk refusals also show in this process's windows (the banner), so the trader sees
   * them on every screen. Its orders, fills and balances do not: this process could not act on them (an order of
   * another process cannot be cancelled from here), and its own views come from its own accounts.
   */
  showInWindows(show: (topic: 'alert.triggered' | 'risk.limit.exceeded', payload: BusTopics['alert.triggered'] | BusTopics['risk.limit.exceeded']) => void): void {
    const mode = this.mode;
    if (!mode) return;
    for (const topic of ['alert.triggered', 'risk.limit.exceeded'] as const) {
      mode.bus.subscribeShared(topic, (event) => {
        if (event.origin !== mode.bus.processId && this.mode === mode) show(topic, event.payload);
      });
    }
  }

  /**
   * Another process's order, fill or balance change on a live venue: this process reads that venue's orders and
   * balances again (`refresh`, which skips a venue it does not trade), so that on a shared account its Orders list
   * adopts the order (cancellable here too) and its balances move. The event itself is not trusted as this process's
   * state: the two may trade different accounts of one venue. At most once every 15 s a venue (the reads spend the
   * shared rate budget), the last event never dropped.
   */
  followOthers(refresh: (venue: VenueId) => unknown, everyMs = FOLLOW_EVERY_MS): void {
    const mode = this.mode;
    if (!mode) return;
    const gates = new Map<VenueId, FrameGate>();
    const gateOf = (venue: VenueId): FrameGate => {
      let gate = gates.get(venue);
      if (!gate) {
        // Leading edge at once, then at most one more at the end of the interval, carrying every event meanwhile.
        gate = new FrameGate(() => {
          if (this.mode === mode) refresh(venue);
          return true;
        }, everyMs);
        gates.set(venue, gate);
        this.followGates.push(gate);
      }
      return gate;
    };
    for (const topic of ['order.updated', 'trade.executed', 'balance.changed'] as const) {
      mode.bus.subscribeShared(topic, (event) => {
        if (event.origin !== mode.bus.processId && event.payload.mode === 'live') gateOf(event.payload.venue).request();
      });
    }
  }

  attach(resilience: ResilienceRegistry, killSwitch: KillSwitchPort): void {
    this.mode?.shareBudgets(resilience);
    this.mode?.shareKillSwitch(killSwitch);
  }

  /** A kill switch engaged in another process before this one joined is engaged here too (its sweep needs the app wired). */
  async joined(): Promise<void> {
    await this.mode?.catchUpKillSwitch();
  }

  /** With an account server, shared mode is part of Pro: refused, this process leaves it and works alone. */
  async checkPlan(check: () => void): Promise<void> {
    if (!this.mode) return;
    try {
      check();
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'PLAN_REQUIRED') throw error;
      this.problem = error.message;
      console.warn(`shared mode: ${error.message}`);
      const mode = this.mode;
      this.mode = undefined;
      await mode.stop();
      this.tell(await this.status());
    }
  }

  async status(): Promise<SharedModeStatus> {
    if (this.mode) return this.mode.status();
    return this.problem === undefined ? OFF : { ...OFF, problem: this.problem };
  }

  onStatus(listener: (status: SharedModeStatus) => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    for (const gate of this.followGates.splice(0)) gate.close();
    const mode = this.mode;
    this.mode = undefined;
    await mode?.stop();
  }

  private tell(status: SharedModeStatus): void {
    for (const listener of this.listeners) listener(status);
  }
}

/** Stable across restarts, so that this process's consumer group resumes where it stopped. */
function processIdIn(dataDir: string): string {
  const file = join(dataDir, PROCESS_ID_FILE);
  if (existsSync(file)) {
    const id = readFileSync(file, 'utf8').trim();
    if (/^[\w-]{8,64}$/.test(id)) return id;
  }
  const id = randomUUID();
  writeFileSync(file, `${id}\n`, { mode: 0o600 });
  return id;
}
