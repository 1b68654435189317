// Email over SMTP with nodemailer (the only folder allowed to import it). One connection per message: notifications
// are rare, and a fresh connection always uses the settings as they are now. nodemailer's errors are converted here
// into AppErrors in words, with `retryable` telling a passing failure (refused connection, 4xx) from one that will
// repeat (refused login, 5xx, TLS mismatch).
import type * as Nodemailer from 'nodemailer';

let nodemailerModule: Promise<typeof Nodemailer> | undefined;
/** Loaded on the first email, not at start: its ~65 ms would delay every launch for a channel many never use. */
function loadNodemailer(): Promise<typeof Nodemailer> {
  return (nodemailerModule ??= import('nodemailer').then((module) => ('default' in module ? (module.default as typeof Nodemailer) : module)));
}
import { AppError, type EmailConfig } from '../../../src-shared';
import type { RenderedMessage } from '../templates';
import type { ChannelSender } from './port';

export interface EmailSenderOptions {
  config: EmailConfig;
  password: string | undefined;
  /** Connection, greeting and socket timeouts. */
  timeoutMs: number;
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

export function describeSmtpFailure(error: unknown, config: EmailConfig): AppError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SmtpError;
  const server = `${config.host}:${config.port}`;
  const answer = e.response ?? e.message ?? String(error);
  if (e.code === 'EAUTH') {
    return new AppError('AUTH_FAILED', `The mail server ${server} refused the login of '${config.user}': ${answer}. Check the user and password.`, false, { cause: error });
  }
  if (e.code === 'ETLS' || /wrong version number|ssl3_get_record|certificate/i.test(e.message ?? '')) {
    return new AppError('VENUE_UNAVAILABLE', `TLS with ${server} failed (${e.message ?? answer}). Check the security setting (TLS for port 465, STARTTLS for 587) and the server's certificate.`, false, { cause: error });
  }
  if (e.responseCode !== undefined) {
    const temporary = e.responseCode >= 400 && e.responseCode < 500;
    return new AppError(
      'VENUE_UNAVAILABLE',
      `The mail server ${server} refused the message: ${answer}${temporary ? ' (temporary; retried)' : ''}`,
      temporary,
      { cause: error },
    );
  }
  const reason = /ECONNREFUSED/.test(e.message ?? '') ? 'connection refused' : /timeout|ETIMEDOUT/i.test(`${e.code} ${e.message}`) ? 'no answer in time' : (e.message ?? answer);
  return new AppError('VENUE_UNAVAILABLE', `Could not reach the mail server ${server} (${reason}). Check the server name and port, and that it is running.`, true, { cause: error });
}

/** Why this configuration cannot send at all, in words; undefined when it can try. */
export function emailConfigProblem(config: EmailConfig, passwordSet: boolean): string | undefined {
  if (!config.host) return 'no mail server is set: enter it in Notifications settings';
  // Never log in with an empty password: a cleared password (the server changed) must not be "tried" on the new one.
  if (config.user && !passwordSet) {
    return 'no SMTP password is set: enter the password in Notifications settings (changing the server, port, security or user clears the saved one)';
  }
  if (!config.from) return 'no sender address is set: enter "From" in Notifications settings';
  if (!config.to) return 'no recipient is set: enter "To" in Notifications settings';
  return undefined;
}

export class EmailSender implements ChannelSender {
  constructor(private readonly options: EmailSenderOptions) {}

  async send(message: RenderedMessage): Promise<string> {
    const { config, password, timeoutMs } = this.options;
    const nodemailer = await loadNodemailer();
    const transport = nodemailer.createTransport({
      host: config.host,
      port: config.port,
      secure: config.security === 'tls',
      requireTLS: config.security === 'starttls',
      ignoreTLS: config.security === 'none',
      ...(config.user ? { auth: { user: config.user, pass: password ?? '' } } : {}),
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
    try {
      const info = await transport.sendMail({
        from: config.from,
        to: config.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
      return info.response;
    } catch (error) {
      throw describeSmtpFailure(error, config);
    } finally {
      transport.close();
    }
  }
}
