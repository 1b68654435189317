// The trader's notification settings: channels, routing and quiet hours as JSON in the settings table; the SMTP
// password and the Twilio auth token in the OS keychain (SecretStore) and nowhere else. Secrets are read once and
// kept in memory, since some keychains prompt on every read.
import {
  DELIVERY_CHANNELS,
  NOTIFICATION_TYPES,
  NotificationConfig,
  type NotificationSecret,
  type NotificationSettings,
} from '../../src-shared';
import type { SecretStore } from '../secrets';
import type { SettingsRepository } from '../storage';
import { assertTimeZone } from './quiet-hours';

export const SETTINGS_KEY = 'notifications';

export const DEFAULT_CONFIG: NotificationConfig = {
  desktop: { enabled: true },
  email: { enabled: false, host: '', port: 587, security: 'starttls', user: '', from: '', to: '' },
  sms: { enabled: false, accountSid: '', from: '', to: '' },
  routing: {
    'trade-executed': ['desktop'],
    'price-alert': ['desktop', 'email'],
    'risk-limit': ['desktop', 'email', 'sms'],
    'strategy-stopped': ['desktop', 'email'],
  },
  quietHours: { enabled: false, start: '22:00', end: '07:00', timeZone: 'UTC' },
  languages: { desktop: 'en', email: 'en', sms: 'en' },
};

/** The keychain entry of each secret, beside the exchange accounts' entries under the same service. */
export function secretAccount(secret: NotificationSecret): string {
  return `notifications:${secret}`;
}

export class NotificationConfigStore {
  private readonly secretCache = new Map<NotificationSecret, string | undefined>();

  constructor(
    private readonly settings: SettingsRepository,
    private readonly secrets: SecretStore,
  ) {}

  config(): NotificationConfig {
    return this.settings.get(SETTINGS_KEY, NotificationConfig) ?? DEFAULT_CONFIG;
  }

  update(patch: Partial<NotificationConfig>): NotificationConfig {
    const next = this.merge(patch);
    this.save(next);
    return next;
  }

  /** The configuration `patch` would make, checked, without saving it. */
  merge(patch: Partial<NotificationConfig>): NotificationConfig {
    if (patch.quietHours) assertTimeZone(patch.quietHours.timeZone);
    const merged: NotificationConfig = { ...this.config(), ...patch };
    // Each type's channels once, in a stable order, whatever the request listed.
    const routing = Object.fromEntries(
      NOTIFICATION_TYPES.map((type) => [type, DELIVERY_CHANNELS.filter((channel) => merged.routing[type].includes(channel))]),
    ) as NotificationConfig['routing'];
    return { ...merged, routing };
  }

  save(config: NotificationConfig): void {
    this.settings.set(SETTINGS_KEY, config);
  }

  async secret(name: NotificationSecret): Promise<string | undefined> {
    if (!this.secretCache.has(name)) this.secretCache.set(name, await this.secrets.get(secretAccount(name)));
    return this.secretCache.get(name);
  }

  async setSecret(name: NotificationSecret, value: string): Promise<void> {
    await this.secrets.set(secretAccount(name), value);
    this.secretCache.set(name, value);
  }

  async removeSecret(name: NotificationSecret): Promise<void> {
    await this.secrets.delete(secretAccount(name));
    this.secretCache.set(name, undefined);
  }

  /** Every secret known to this process, for redaction. */
  knownSecrets(): string[] {
    return [...this.secretCache.values()].filter((value): value is string => value !== undefined && value.length > 0);
  }

  async view(): Promise<NotificationSettings> {
    const config = this.config();
    return {
      ...config,
      email: { ...config.email, passwordSet: await this.isSet('smtp-password') },
      sms: { ...config.sms, authTokenSet: await this.isSet('twilio-auth-token') },
    };
  }

  /**
   * A store that cannot be read (the key file locked, no keychain here) must not keep the settings from loading:
   * the secret shows as not set, and the screen says once why (`secrets:status`).
   */
  private async isSet(name: NotificationSecret): Promise<boolean> {
    return (await this.secret(name).catch(() => undefined)) !== undefined;
  }
}
