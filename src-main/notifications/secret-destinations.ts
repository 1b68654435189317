// A stored secret is bound to where it is sent. The SMTP password belongs to one login (user) on one server (host,
// port, security); the Twilio auth token to one Account SID at one API base URL. Without this, whoever can change the
// settings could point the server elsewhere and have the next test message hand the stored password to their host
// (in clear text with security "none"). So a change of destination clears the secret unless it is typed again in the
// same request, and a secret whose recorded destination no longer matches (the Twilio URL comes from the
// environment) is cleared before anything is sent, never used.
import { z } from 'zod';
import { NotificationSecret, type NotificationConfig } from '../../src-shared';
import type { SettingsRepository } from '../storage';

const SETTINGS_KEY = 'notifications.secret-destinations';
const Destinations = z.partialRecord(NotificationSecret, z.string());

/** Where the secret goes under this configuration, as one comparable string (no secret in it). */
export function secretDestination(name: NotificationSecret, config: NotificationConfig, twilioBaseUrl: string): string {
  switch (name) {
    case 'smtp-password': {
      const { security, user, host, port } = config.email;
      return `smtp ${security} ${user}@${host.toLowerCase()}:${port}`;
    }
    case 'twilio-auth-token':
      return `twilio ${config.sms.accountSid}@${twilioBaseUrl.replace(/\/+$/, '')}`;
  }
}

/** What the trader changed that clears the secret, in words, for the message that asks for it again. */
export const DESTINATION_FIELDS: Record<NotificationSecret, string> = {
  'smtp-password': 'the mail server, port, security or user',
  'twilio-auth-token': 'the Account SID or the Twilio address',
};

/** The recorded destination of each stored secret, in the settings table beside the rest of the configuration. */
export class SecretDestinations {
  constructor(private readonly settings: SettingsRepository) {}

  get(name: NotificationSecret): string | undefined {
    return this.all()[name];
  }

  record(name: NotificationSecret, destination: string): void {
    this.settings.set(SETTINGS_KEY, { ...this.all(), [name]: destination });
  }

  forget(name: NotificationSecret): void {
    const { [name]: _gone, ...rest } = this.all();
    this.settings.set(SETTINGS_KEY, rest);
  }

  private all(): z.infer<typeof Destinations> {
    return this.settings.get(SETTINGS_KEY, Destinations) ?? {};
  }
}
