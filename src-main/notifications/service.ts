// The notification service: listens for trades, price alerts and risk limits on the bus (and `notify` for the rest),
// renders the type's template, and delivers it on every channel the trader chose for that type. Each channel is
// isolated (see isolation.ts), throttled and held back by quiet hours where that applies, and every outcome is
// written to the delivery log with the server's answer or the failure in words. Secrets never reach the log or an
// answer: every detail is redacted against the secrets this process knows before it is written. A secret is only
// ever sent where it was saved for (secret-destinations.ts), and test messages are rate-limited and go only to the
// saved recipient.
import {
  AppError,
  type DeliveryChannel,
  type DeliveryLogEntry,
  type NotificationConfig,
  type NotificationSecret,
  type NotificationSettings,
  type NotificationType,
  type NotificationUpdate,
  type TestDeliveryResult,
  plainTextSmtpProblem,
} from '../../src-shared';
import type { EventBus } from '../events';
import { systemClock, type Clock } from '../resilience';
import type { SecretStore } from '../secrets';
import type { SettingsRepository, SqliteDatabase } from '../storage';
import { BusDesktopNotifier, DesktopSender } from './channels/desktop';
import { EmailSender, emailConfigProblem } from './channels/email';
import type { ChannelSender, DesktopNotifier } from './channels/port';
import { SmsSender, smsConfigProblem, TWILIO_BASE_URL } from './channels/sms';
import { NotificationConfigStore } from './config-store';
import { DeliveryLog, type NewDeliveryLogEntry } from './delivery-log';
import { AttemptsFailed, DEFAULT_ISOLATION, IsolatedChannel, type IsolationOptions } from './isolation';
import { heldBackByQuietHours } from './quiet-hours';
import { SecretDestinations, secretDestination } from './secret-destinations';
import { render, renderPlanChange, renderTest, type NotificationData, type RenderedMessage } from './templates';
import { DEFAULT_THROTTLE, TestRateLimit, Throttle, type ThrottleOptions } from './throttle';

export interface NotificationServiceDeps {
  db: SqliteDatabase;
  settings: SettingsRepository;
  secrets: SecretStore;
  bus: EventBus;
  /** The Electron shell's notifier; every open window shows them when absent. */
  desktop?: DesktopNotifier;
  /** Twilio's API base URL; tests point it at a local fake. */
  twilioBaseUrl?: string;
  clock?: Clock;
  /** Why SMS cannot be sent on the current plan (SMS alerts are part of Pro), or undefined when it can. */
  smsRefusal?: () => string | undefined;
  throttle?: ThrottleOptions;
  isolation?: Partial<Record<DeliveryChannel, Partial<IsolationOptions>>>;
}

const CHANNEL_NAMES: Record<DeliveryChannel, string> = { desktop: 'Desktop', email: 'Email', sms: 'SMS' };
const REDACTED = '[redacted]';
const SECRETS: readonly NotificationSecret[] = ['smtp-password', 'twilio-auth-token'];

export class NotificationService {
  private readonly store: NotificationConfigStore;
  private readonly log: DeliveryLog;
  private readonly throttle: Throttle;
  private readonly testLimit = new TestRateLimit();
  private readonly destinations: SecretDestinations;
  private readonly channels: Record<DeliveryChannel, IsolatedChannel>;
  private readonly desktop: DesktopNotifier;
  private readonly clock: Clock;
  private readonly twilioBaseUrl: string;
  private readonly unsubscribes: Array<() => void> = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  private closed = false;

  constructor(private readonly deps: NotificationServiceDeps) {
    this.store = new NotificationConfigStore(deps.settings, deps.secrets);
    this.log = new DeliveryLog(deps.db);
    this.destinations = new SecretDestinations(deps.settings);
    this.throttle = new Throttle(deps.throttle ?? DEFAULT_THROTTLE);
    this.clock = deps.clock ?? systemClock;
    this.desktop = deps.desktop ?? new BusDesktopNotifier(deps.bus);
    this.twilioBaseUrl = deps.twilioBaseUrl ?? TWILIO_BASE_URL;
    const isolated = (channel: DeliveryChannel) =>
      new IsolatedChannel({ ...DEFAULT_ISOLATION, ...deps.isolation?.[channel] }, this.clock);
    this.channels = { desktop: isolated('desktop'), email: isolated('email'), sms: isolated('sms') };
  }

  /** Subscribes to the bus topics that become notifications. */
  start(): void {
    const { bus } = this.deps;
    this.unsubscribes.push(
      bus.subscribe('trade.executed', (trade) => this.notify('trade-executed', trade)),
      bus.subscribe('alert.triggered', (alert) => this.notify('price-alert', alert)),
      bus.subscribe('risk.limit.exceeded', (risk) => this.notify('risk-limit', risk)),
      bus.subscribe('user.signed-in', (user) => void this.accountChanged(`Signed in as ${user.name}`, user.email)),
      bus.subscribe('user.signed-out', (ended) => void this.accountChanged('Signed out', ended.reason ?? 'You signed out of your account.')),
      // A failed payment or an ended plan is worth an e-mail too: the trader may not open the app before the grace ends.
      bus.subscribe('payment.failed', (event) => void this.planChanged(renderPlanChange('payment.failed', event), ['desktop', 'email'])),
      bus.subscribe('subscription.cancelled', (event) => void this.planChanged(renderPlanChange('subscription.cancelled', event), ['desktop', 'email'])),
      bus.subscribe('payment.succeeded', (event) => void this.planChanged(renderPlanChange('payment.succeeded', event), ['desktop'])),
    );
  }

  /**
   * The plan's changes go to fixed channels, whichever way the trader routed the notification types: they are rare,
   * about money, and answer no setting. Never throttled or held back by quiet hours; a channel that is off is skipped.
   */
  planChanged(message: RenderedMessage, channels: readonly DeliveryChannel[]): Promise<DeliveryLogEntry[]> {
    const config = this.store.config();
    const work = Promise.all(
      channels.map(async (channel) => {
        const entry = (outcome: DeliveryLogEntry['outcome'], detail: string, attempts = 0) =>
          this.append({ type: 'plan', channel, outcome, subject: message.subject, detail, attempts });
        const problem = await this.configProblem(channel, config, false);
        if (problem) return entry('skipped', problem);
        const sender = await this.sender(channel, config);
        try {
          const result = await this.channels[channel].run(() => sender.send(message, 'plan'));
          return entry('sent', this.redact(result.detail), result.attempts);
        } catch (error) {
          const { detail, attempts } = this.failure(error);
          return entry('failed', detail, attempts);
        }
      }),
    );
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => {});
    return work;
  }

  /**
   * Signing in and out is logged like a delivery, and shown on the desktop channel when that is on: the log is where
   * the trader sees when a session ended by itself. Never throttled or held back: it is rare and answers an action.
   */
  private async accountChanged(subject: string, detail: string): Promise<DeliveryLogEntry> {
    const entry = (outcome: DeliveryLogEntry['outcome'], attempts: number) =>
      this.append({ type: 'account', channel: 'desktop', outcome, subject, detail, attempts });
    if (!this.store.config().desktop.enabled) return entry('skipped', 0);
    try {
      await new DesktopSender(this.desktop, () => this.clock.now()).send({ subject, text: detail, html: '' }, 'account');
      return entry('sent', 1);
    } catch {
      return entry('failed', 1);
    }
  }

  /** Delivers a notification on its type's channels; resolves once every channel has an outcome in the log. */
  notify<T extends NotificationType>(type: T, data: NotificationData[T]): Promise<DeliveryLogEntry[]> {
    const config = this.store.config();
    // Each channel in its own language (Notifications settings).
    const work = Promise.all(config.routing[type].map((channel) => this.deliver(type, channel, render(type, data, config.languages[channel]), config)));
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => {});
    return work;
  }

  async settings(): Promise<NotificationSettings> {
    return this.view();
  }

  /**
   * Saves the parts given. A secret whose destination changes is cleared (before the new settings are saved, so a
   * keychain failure leaves everything as it was) unless it was typed again in this request; security "none" to a
   * mail server on another machine needs `allowInsecure`.
   */
  async update(request: NotificationUpdate): Promise<NotificationSettings> {
    const { smtpPassword, twilioAuthToken, allowInsecure, ...patch } = request;
    // Every refusal of the request itself comes first: a refused request changes nothing, not even a record.
    const before = this.store.config();
    const next = this.store.merge(patch);
    const plainText = patch.email ? plainTextSmtpProblem(next.email) : undefined;
    if (plainText && allowInsecure !== true) throw new AppError('INVALID_REQUEST', plainText);
    // Any secret already bound elsewhere is cleared before the change is weighed (and an unexpected store failure
    // fails the request with nothing saved, rather than saving and then answering with an error).
    await this.view();
    const typed: Record<NotificationSecret, string | undefined> = { 'smtp-password': smtpPassword, 'twilio-auth-token': twilioAuthToken };
    for (const name of SECRETS) {
      const destination = secretDestination(name, next, this.twilioBaseUrl);
      const value = typed[name];
      if (value !== undefined) {
        await this.store.setSecret(name, value);
        this.destinations.record(name, destination);
      } else if (destination !== secretDestination(name, before, this.twilioBaseUrl)) {
        await this.forgetSecret(name);
      }
    }
    this.store.save(next);
    return this.view();
  }

  async setSecret(name: NotificationSecret, value: string): Promise<NotificationSettings> {
    await this.store.setSecret(name, value);
    this.destinations.record(name, secretDestination(name, this.store.config(), this.twilioBaseUrl));
    return this.view();
  }

  async removeSecret(name: NotificationSecret): Promise<NotificationSettings> {
    await this.store.removeSecret(name);
    this.destinations.forget(name);
    return this.view();
  }

  /**
   * A test message on one channel, now, to the saved recipient: one attempt (the trader waits for the server's
   * answer), not held back by quiet hours, and logged like any other delivery. At most `TestRateLimit.limit` per
   * minute per channel; beyond that RATE_LIMITED, saying when the next is allowed.
   */
  async test(channel: DeliveryChannel): Promise<TestDeliveryResult> {
    const config = this.store.config();
    const now = this.clock.now();
    const message = renderTest(CHANNEL_NAMES[channel].toLowerCase(), now);
    const problem = await this.configProblem(channel, config, true);
    if (problem) {
      this.append({ type: 'test', channel, outcome: 'skipped', subject: message.subject, detail: problem, attempts: 0 });
      return { ok: false, detail: problem, attempts: 0 };
    }
    const admitted = this.testLimit.admit(channel, now);
    if (!admitted.allowed) {
      const seconds = Math.max(1, Math.ceil(admitted.retryAfterMs / 1000));
      throw new AppError(
        'RATE_LIMITED',
        `${CHANNEL_NAMES[channel]}: at most ${this.testLimit.limit} test messages a minute; the next is allowed in ${seconds} s`,
        true,
        { retryAfterMs: admitted.retryAfterMs },
      );
    }
    const sender = await this.sender(channel, config);
    try {
      const result = await this.channels[channel].run(() => sender.send(message, 'test'), { retries: 0 });
      const detail = this.redact(result.detail);
      this.append({ type: 'test', channel, outcome: 'sent', subject: message.subject, detail, attempts: result.attempts });
      return { ok: true, detail, attempts: result.attempts };
    } catch (error) {
      const { detail, attempts } = this.failure(error);
      this.append({ type: 'test', channel, outcome: 'failed', subject: message.subject, detail, attempts });
      return { ok: false, detail, attempts };
    }
  }

  deliveries(limit: number): DeliveryLogEntry[] {
    return this.log.newest(limit);
  }

  /** Stops listening and waits (a little) for deliveries in flight to be logged. */
  async close(graceMs = 2_000): Promise<void> {
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
    if (this.inFlight.size > 0) {
      await Promise.race([Promise.allSettled([...this.inFlight]), new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
    }
    this.closed = true;
  }

  private async deliver(
    type: NotificationType,
    channel: DeliveryChannel,
    message: RenderedMessage,
    config: NotificationConfig,
  ): Promise<DeliveryLogEntry> {
    const entry = (outcome: DeliveryLogEntry['outcome'], detail: string, attempts = 0) =>
      this.append({ type, channel, outcome, subject: message.subject, detail, attempts });
    const problem = await this.configProblem(channel, config, false);
    if (problem) return entry('skipped', problem);
    const now = this.clock.now();
    if (heldBackByQuietHours(config.quietHours, type, channel, now)) {
      return entry('quiet-hours', `held back: quiet hours ${config.quietHours.start}–${config.quietHours.end} (${config.quietHours.timeZone})`);
    }
    const verdict = this.throttle.admit(channel, `${type}\u0000${message.subject}`, now);
    if (!verdict.allowed) return entry('throttled', verdict.reason);
    const sender = await this.sender(channel, config);
    try {
      const result = await this.channels[channel].run(() => sender.send(message, type));
      return entry('sent', this.redact(result.detail), result.attempts);
    } catch (error) {
      const { detail, attempts } = this.failure(error);
      return entry('failed', detail, attempts);
    }
  }

  private async configProblem(channel: DeliveryChannel, config: NotificationConfig, testing: boolean): Promise<string | undefined> {
    const off = `${CHANNEL_NAMES[channel]} notifications are off in Notifications settings`;
    switch (channel) {
      case 'desktop':
        return config.desktop.enabled || testing ? undefined : off;
      case 'email':
        if (!config.email.enabled && !testing) return off;
        return emailConfigProblem(config.email, (await this.boundSecret('smtp-password', config)) !== undefined);
      case 'sms': {
        if (!config.sms.enabled && !testing) return off;
        const refusal = this.deps.smsRefusal?.();
        if (refusal) return refusal;
        return smsConfigProblem(config.sms, (await this.boundSecret('twilio-auth-token', config)) !== undefined);
      }
    }
  }

  private async sender(channel: DeliveryChannel, config: NotificationConfig): Promise<ChannelSender> {
    const timeoutMs = this.channels[channel].options.attemptTimeoutMs;
    switch (channel) {
      case 'desktop':
        return new DesktopSender(this.desktop, () => this.clock.now());
      case 'email':
        return new EmailSender({ config: config.email, password: await this.boundSecret('smtp-password', config), timeoutMs });
      case 'sms':
        return new SmsSender({ config: config.sms, authToken: await this.boundSecret('twilio-auth-token', config), baseUrl: this.twilioBaseUrl, timeoutMs });
    }
  }

  /**
   * The stored secret if it was saved for where `config` sends it; a secret saved for another destination (the
   * Twilio address changed in the environment) is cleared, never sent. One saved before destinations were recorded
   * is taken as saved for the current one.
   */
  private async boundSecret(name: NotificationSecret, config: NotificationConfig): Promise<string | undefined> {
    const value = await this.store.secret(name);
    if (value === undefined) return undefined;
    const destination = secretDestination(name, config, this.twilioBaseUrl);
    const recorded = this.destinations.get(name);
    if (recorded === undefined) this.destinations.record(name, destination);
    else if (recorded !== destination) {
      await this.forgetSecret(name);
      return undefined;
    }
    return value;
  }

  private async forgetSecret(name: NotificationSecret): Promise<void> {
    let stored: string | undefined;
    try {
      stored = await this.store.secret(name);
    } catch (error) {
      // Keys that cannot be read now (the key file locked, no keychain) cannot be deleted either. The old destination
      // stays recorded, so the first read once they can be read finds it moved and clears the secret unsent.
      if (keysUnreadable(error)) return;
      throw error;
    }
    if (stored !== undefined) await this.store.removeSecret(name);
    this.destinations.forget(name);
  }

  /** The settings as the renderer sees them, after clearing any secret whose destination moved. */
  private async view(): Promise<NotificationSettings> {
    const config = this.store.config();
    for (const name of SECRETS) {
      // Unreadable keys show as not set (the store's view says so); the screen loads whatever the key store says.
      await this.boundSecret(name, config).catch((error: unknown) => {
        if (!keysUnreadable(error)) throw error;
      });
    }
    return this.store.view();
  }

  private failure(error: unknown): { detail: string; attempts: number } {
    const attempts = error instanceof AttemptsFailed ? error.attempts : 1;
    const cause = error instanceof AttemptsFailed ? error.lastError : error;
    const message = cause instanceof AppError || cause instanceof Error ? cause.message : String(cause);
    const tries = attempts > 1 ? ` (after ${attempts} attempts)` : '';
    return { detail: this.redact(`${message}${tries}`), attempts };
  }

  /** Removes every known secret, and the Basic credentials built from them, from text bound for the log or the UI. */
  private redact(text: string): string {
    let out = text;
    for (const secret of this.store.knownSecrets()) {
      out = out.split(secret).join(REDACTED);
      out = out.split(Buffer.from(secret).toString('base64')).join(REDACTED);
    }
    return out;
  }

  /**
   * Shared mode: another process delivered a notification for all processes; this log says so, at the time it was
   * delivered there, so that each process's log tells the whole story of each alert.
   */
  recordDeliveredElsewhere(entry: Omit<DeliveryLogEntry, 'id'>, by: string): DeliveryLogEntry | undefined {
    if (this.closed) return undefined;
    const detail = `${entry.outcome} by ${by}${entry.detail ? `: ${entry.detail}` : ''}`;
    const logged = this.log.append({ ...entry, outcome: 'other-process', detail, attempts: 0 });
    this.deps.bus.publish('notification.logged', logged);
    return logged;
  }

  private append(entry: Omit<NewDeliveryLogEntry, 'at'>): DeliveryLogEntry {
    const full: NewDeliveryLogEntry = { at: this.clock.now(), ...entry };
    if (this.closed) return { id: 1, ...full };
    const logged = this.log.append(full);
    this.deps.bus.publish('notification.logged', logged);
    return logged;
  }
}

/** The key store cannot be read now: locked until its passphrase is given, or no keychain answers here. */
function keysUnreadable(error: unknown): boolean {
  return error instanceof AppError && (error.code === 'SECRETS_LOCKED' || error.code === 'SECRETS_UNAVAILABLE');
}
