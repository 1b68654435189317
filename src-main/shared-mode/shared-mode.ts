// Shared mode for one process, put together: the shared bus (outbox, stream, consumer groups, Pub/Sub), the shared
// rate budgets, the kill switch bridge and presence, all on one Redis. Without `--redis` none of this exists.
import { hostname } from 'node:os';
import type { ProcessRole, SharedModeStatus } from '../../src-shared';
import type { InProcessEventBus } from '../events';
import type { ResilienceRegistry } from '../resilience';
import type { SqliteDatabase } from '../storage';
import { onceBus } from './once-bus';
import { Presence } from './presence';
import { describeRedisUrl, RedisLink } from './redis-link';
import { SharedEventBus } from './shared-bus';
import { SharedRateBudget } from './shared-budget';
import { KillSwitchRecord } from './kill-switch-record';
import { shareKillSwitch, type KillSwitchPort, type SharedKillSwitch } from './shared-kill-switch';

export interface SharedModeOptions {
  url: string;
  password?: string;
  db: SqliteDatabase;
  processId: string;
  name: string;
  role: ProcessRole;
  version: string;
  /** The budget's egress: processes behind one public IP share it (default: one budget per Redis). */
  egress?: string;
  /** The accounts this process trades, as `venue:mode`, read at each heartbeat. */
  accounts?: () => string[];
  local?: InProcessEventBus;
  prefix?: string;
  onStatus?: (status: SharedModeStatus) => void;
  log?: (message: string) => void;
}

export class SharedMode {
  readonly bus: SharedEventBus;
  private readonly link: RedisLink;
  private presence: Presence | undefined;
  private killSwitch: SharedKillSwitch | undefined;
  private readonly stops: Array<() => unknown> = [];
  private statusTimer: NodeJS.Timeout | undefined;
  private lastProcesses = '';
  private stopped = false;

  private constructor(private readonly options: SharedModeOptions) {
    this.link = new RedisLink({
      url: options.url,
      ...(options.password === undefined ? {} : { password: options.password }),
      onReachability: (since) => {
        const where = describeRedisUrl(options.url);
        options.log?.(since === undefined ? `shared mode: Redis at ${where} is reachable again` : `shared mode: Redis at ${where} unreachable`);
        void this.publishStatus();
      },
    });
    this.bus = new SharedEventBus({
      link: this.link, db: options.db, processId: options.processId,
      ...(options.local ? { local: options.local } : {}),
      ...(options.prefix ? { prefix: options.prefix } : {}),
    });
  }

  /** Connects (or keeps trying in the background while Redis is away) and starts relaying and consuming. */
  static async start(options: SharedModeOptions): Promise<SharedMode> {
    const mode = new SharedMode(options);
    await mode.bus.start();
    const client = await mode.link.connect();
    mode.sharedClient = client;
    // Back after an outage: kill-switch changes made while this process could not hear them are in the record.
    client.on('ready', () => void mode.catchUpKillSwitch());
    mode.presence = new Presence({
      client,
      prefix: options.prefix,
      self: { id: options.processId, name: options.name, host: hostname(), role: options.role, accounts: options.accounts?.() ?? [], version: options.version },
    });
    mode.presence.start();
    mode.statusTimer = setInterval(() => void mode.publishStatus(true), 5_000);
    return mode;
  }

  /** Every venue with limits also spends from one budget shared by all processes behind the same egress. */
  shareBudgets(registry: ResilienceRegistry): void {
    registry.shareBudgets((venue, spec) =>
      new SharedRateBudget({
        link: this.link,
        client: this.commandClient(),
        venue,
        spec,
        scope: `${venue}:${this.options.egress ?? 'default'}`,
        processId: this.options.processId,
        ...(this.options.prefix ? { prefix: this.options.prefix } : {}),
      }),
    );
  }

  /** Engaged anywhere, engaged here; `catchUpKillSwitch` covers an engage made before this process joined. */
  shareKillSwitch(killSwitch: KillSwitchPort): void {
    const log = this.options.log;
    this.killSwitch = shareKillSwitch(this.bus, killSwitch, {
      record: new KillSwitchRecord(this.commandClient(), this.options.prefix),
      onApplied: (change, origin) => log?.(`shared mode: kill switch ${change} by process ${origin}`),
      onError: (error) => log?.(`shared mode: kill switch record: ${String(error)}`),
    });
    this.stops.push(this.killSwitch.stop);
  }

  /** Applies the latest change of all processes here: at join (once the app is wired), and when Redis is back. */
  catchUpKillSwitch(): Promise<void> {
    if (!this.killSwitch || this.stopped) return Promise.resolve();
    return this.killSwitch.catchUp().catch((error: unknown) => this.options.log?.(`shared mode: kill switch record unreadable: ${String(error)}`));
  }

  /** The bus for a service whose effects must happen once across all processes (see once-bus.ts). */
  onceBus(group: string): ReturnType<typeof onceBus> {
    return onceBus(this.bus, group, (error) => this.options.log?.(`shared mode: ${String(error)}`));
  }

  async status(): Promise<SharedModeStatus> {
    const down = this.link.downSince();
    let processes: SharedModeStatus['processes'] = [];
    if (down === undefined && this.presence) processes = await this.presence.list().catch(() => []);
    if (this.stopped) throw new Error('shared mode has stopped');
    return {
      enabled: true,
      redis: describeRedisUrl(this.options.url),
      ...(down === undefined ? {} : { unreachableSince: down }),
      outboxBacklog: this.bus.outbox.backlog(),
      processes,
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.statusTimer) clearInterval(this.statusTimer);
    this.presence?.stop();
    for (const stop of this.stops.splice(0)) stop();
    await this.bus.stop();
    await this.link.close();
  }

  private sharedClient: Awaited<ReturnType<RedisLink['connect']>> | undefined;

  private commandClient() {
    if (!this.sharedClient) throw new Error('shared mode is not started');
    return this.sharedClient;
  }

  /** Pushes the status to every window; the periodic push only when the list of processes changed. */
  private async publishStatus(onlyOnChange = false): Promise<void> {
    if (this.stopped) return;
    let status: SharedModeStatus;
    try {
      status = await this.status();
    } catch {
      return; // stopped meanwhile (its database closed): nothing to tell
    }
    if (this.stopped) return;
    const key = JSON.stringify(status.processes.map((p) => [p.id, p.name, p.accounts]));
    if (onlyOnChange && key === this.lastProcesses) return;
    this.lastProcesses = key;
    this.options.onStatus?.(status);
  }
}
