// Shapes of the notification channels (`notifications:*`) and the events they push. Secrets (the SMTP password, the
// Twilio auth token) travel only inward, in `notifications:set-secret`; every answer says only whether one is set.
import { z } from 'zod';
import { Language } from './settings';

export const NOTIFICATION_TYPES = ['trade-executed', 'price-alert', 'risk-limit', 'strategy-stopped'] as const;
export const NotificationType = z.enum(NOTIFICATION_TYPES);
export type NotificationType = z.infer<typeof NotificationType>;

export const NOTIFICATION_TYPE_NAMES: Record<NotificationType, string> = {
  'trade-executed': 'Trade executed',
  'price-alert': 'Price alert',
  'risk-limit': 'Risk limit exceeded',
  'strategy-stopped': 'Strategy stopped',
};

export const DELIVERY_CHANNELS = ['desktop', 'email', 'sms'] as const;
export const DeliveryChannel = z.enum(DELIVERY_CHANNELS);
export type DeliveryChannel = z.infer<typeof DeliveryChannel>;

/** none: plain text (a local relay); starttls: upgrade after connecting (port 587); tls: TLS from the start (465). */
export const EmailSecurity = z.enum(['none', 'starttls', 'tls']);
export type EmailSecurity = z.infer<typeof EmailSecurity>;

const address = z.string().trim().max(254);
/** E.164, as Twilio wants it: +, country code, number. Empty while not configured. */
const phone = z
  .string()
  .trim()
  .regex(/^(\+[1-9]\d{6,14})?$/, 'use the international format, e.g. +14155550100');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM (24 h)');

export const EmailConfig = z
  .object({
    enabled: z.boolean(),
    host: z.string().trim().max(253),
    port: z.number().int().min(1).max(65535),
    security: EmailSecurity,
    user: z.string().trim().max(254),
    from: address,
    to: address,
  })
  .strict();
export type EmailConfig = z.infer<typeof EmailConfig>;

export const SmsConfig = z
  .object({
    enabled: z.boolean(),
    /** Twilio's Account SID: AC followed by 32 hex digits. */
    accountSid: z
      .string()
      .trim()
      .regex(/^(AC[0-9a-fA-F]{32})?$/, 'a Twilio Account SID starts with AC and has 34 characters'),
    from: phone,
    to: phone,
  })
  .strict();
export type SmsConfig = z.infer<typeof SmsConfig>;

export const DesktopConfig = z.object({ enabled: z.boolean() }).strict();
export type DesktopConfig = z.infer<typeof DesktopConfig>;

/** Which channels each notification type goes to. */
export const Routing = z.object(
  Object.fromEntries(NOTIFICATION_TYPES.map((type) => [type, z.array(DeliveryChannel).max(3)])) as Record<
    NotificationType,
    z.ZodArray<typeof DeliveryChannel>
  >,
).strict();
export type Routing = z.infer<typeof Routing>;

/**
 * A daily window in the trader's time zone (IANA name, sent by the renderer) when desktop and SMS notifications are
 * held back; `start` after `end` spans midnight. Risk-limit notifications are never held back.
 */
export const QuietHours = z
  .object({
    enabled: z.boolean(),
    start: hhmm,
    end: hhmm,
    timeZone: z.string().min(1).max(64),
  })
  .strict();
export type QuietHours = z.infer<typeof QuietHours>;

/**
 * The language of each channel's messages: the trader may read the screen in one and want SMS in another (a phone
 * without Vietnamese fonts, a colleague reading the e-mail). Settings saved before languages existed read as English.
 */
export const ChannelLanguages = z.object({ desktop: Language, email: Language, sms: Language }).strict();
export type ChannelLanguages = z.infer<typeof ChannelLanguages>;

export const NotificationConfig = z.object({
  desktop: DesktopConfig,
  email: EmailConfig,
  sms: SmsConfig,
  routing: Routing,
  quietHours: QuietHours,
  languages: ChannelLanguages.default({ desktop: 'en', email: 'en', sms: 'en' }),
});
export type NotificationConfig = z.infer<typeof NotificationConfig>;

/** The settings as the renderer sees them: whether each secret is set, never its value. */
export const NotificationSettings = NotificationConfig.extend({
  email: EmailConfig.extend({ passwordSet: z.boolean() }),
  sms: SmsConfig.extend({ authTokenSet: z.boolean() }),
});
export type NotificationSettings = z.infer<typeof NotificationSettings>;

export const NotificationSecret = z.enum(['smtp-password', 'twilio-auth-token']);
export type NotificationSecret = z.infer<typeof NotificationSecret>;

/**
 * What a log row or a shown notification is about: a notification type, a test message from the settings screen,
 * the trader's account (signed in, signed out), or the plan (payment received or failed, subscription ended).
 */
export const LoggedType = z.union([NotificationType, z.literal('test'), z.literal('account'), z.literal('plan')]);
export type LoggedType = z.infer<typeof LoggedType>;

/** `other-process`: in shared mode (several processes on one Redis) another process delivered it; `detail` says which. */
export const DELIVERY_OUTCOMES = ['sent', 'failed', 'throttled', 'quiet-hours', 'skipped', 'other-process'] as const;
export const DeliveryOutcome = z.enum(DELIVERY_OUTCOMES);
export type DeliveryOutcome = z.infer<typeof DeliveryOutcome>;

/** One attempt to deliver one notification on one channel. `test` marks the settings screen's test messages. */
export const DeliveryLogEntry = z.object({
  id: z.number().int().positive(),
  at: z.number().int().nonnegative(),
  type: LoggedType,
  channel: DeliveryChannel,
  outcome: DeliveryOutcome,
  subject: z.string(),
  /** The server's answer, or what went wrong in words. */
  detail: z.string(),
  attempts: z.number().int().nonnegative(),
});
export type DeliveryLogEntry = z.infer<typeof DeliveryLogEntry>;

/** A test message's result: whether the server accepted it and what it answered. */
export const TestDeliveryResult = z.object({ ok: z.boolean(), detail: z.string(), attempts: z.number().int() });
export type TestDeliveryResult = z.infer<typeof TestDeliveryResult>;

export const NotificationShown = z.object({
  type: LoggedType,
  title: z.string(),
  body: z.string(),
  at: z.number().int().nonnegative(),
});
export type NotificationShown = z.infer<typeof NotificationShown>;

const NoPayload = z.object({}).strict();
const secretValue = z.string().min(1, 'enter the secret').max(1024);

export const NotificationUpdate = z
  .object({
    desktop: DesktopConfig.optional(),
    email: EmailConfig.optional(),
    sms: SmsConfig.optional(),
    routing: Routing.optional(),
    quietHours: QuietHours.optional(),
    languages: ChannelLanguages.optional(),
    /** The SMTP password typed again with a change of server: kept for the new server instead of cleared. */
    smtpPassword: secretValue.optional(),
    /** The Twilio auth token typed again with a change of Account SID. */
    twilioAuthToken: secretValue.optional(),
    /** The trader confirmed sending the SMTP password and messages in clear text to a non-loopback server. */
    allowInsecure: z.boolean().optional(),
  })
  .strict();
export type NotificationUpdate = z.infer<typeof NotificationUpdate>;

export const notificationChannels = {
  'notifications:settings': { req: NoPayload, res: NotificationSettings },
  /**
   * Replaces the parts given. A stored secret is bound to where it is sent: changing the mail server, port, security
   * or user clears the SMTP password, and changing the Account SID clears the Twilio auth token, unless the secret is
   * typed again in the same request (`smtpPassword`, `twilioAuthToken`). Security "none" to a mail server that is not
   * this machine is refused unless `allowInsecure` says the trader confirmed plain text.
   */
  'notifications:update': {
    req: NotificationUpdate,
    res: NotificationSettings,
  },
  /** Stores the SMTP password or the Twilio auth token in the OS keychain; the answer says only that it is set. */
  'notifications:set-secret': {
    req: z.object({ secret: NotificationSecret, value: secretValue }).strict(),
    res: NotificationSettings,
  },
  'notifications:remove-secret': { req: z.object({ secret: NotificationSecret }).strict(), res: NotificationSettings },
  /**
   * Sends a test message now on one channel, to the saved recipient only, and reports the server's answer (or why it
   * failed). At most 5 per minute per channel: more is RATE_LIMITED with `retryAfterMs`.
   */
  'notifications:test': { req: z.object({ channel: DeliveryChannel }).strict(), res: TestDeliveryResult },
  /** The newest deliveries first. */
  'notifications:log': {
    req: z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
    res: z.object({ entries: z.array(DeliveryLogEntry) }),
  },
} as const;

export const notificationEvents = {
  /** A desktop notification for the renderer to show (browser Notification, else an in-app toast). */
  'notification.shown': NotificationShown,
  /** A delivery was logged: the log view adds it without polling. */
  'notification.logged': DeliveryLogEntry,
} as const;
