// SMS through Twilio's REST API: POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json with HTTP Basic auth
// (Account SID : Auth Token) and the form fields To, From, Body. Twilio answers 201 with the message resource, or an
// error as JSON {code, message, more_info, status}. The base URL is configurable so that tests use a local fake.
import { AppError, type SmsConfig } from '../../../src-shared';
import type { RenderedMessage } from '../templates';
import type { ChannelSender } from './port';
import { fitSms } from './sms-length';

export const TWILIO_BASE_URL = 'https://api.twilio.com';
/** Twilio splits longer bodies into segments, each billed: keep a notification to three (UCS-2 counts, sms-length.ts). */
const MAX_SEGMENTS = 3;

export interface SmsSenderOptions {
  config: SmsConfig;
  authToken: string | undefined;
  baseUrl: string;
  timeoutMs: number;
}

interface TwilioError {
  code?: number;
  message?: string;
  more_info?: string;
  status?: number;
}

export function smsConfigProblem(config: SmsConfig, authTokenSet: boolean): string | undefined {
  if (!config.accountSid) return 'no Twilio Account SID is set: enter it in Notifications settings';
  if (!authTokenSet) return 'no Twilio auth token is set: enter it in Notifications settings';
  if (!config.from) return 'no sending number is set: enter "From" in Notifications settings';
  if (!config.to) return 'no phone number to text is set: enter "To" in Notifications settings';
  return undefined;
}

export function smsBody(message: RenderedMessage): string {
  const headline = message.text.split('\n')[0] ?? '';
  const body = headline && headline !== message.subject ? `${message.subject}\n${headline}` : message.subject;
  return fitSms(body, MAX_SEGMENTS);
}

function twilioFailure(status: number, body: TwilioError, retryAfterMs: number | undefined): AppError {
  const what = body.message ? `${body.message}${body.code ? ` (Twilio error ${body.code})` : ''}` : `HTTP ${status}`;
  const more = body.more_info ? ` See ${body.more_info}` : '';
  if (status === 401 || status === 403) {
    return new AppError('AUTH_FAILED', `Twilio refused the Account SID or auth token: ${what}. Check both in Notifications settings.${more}`, false);
  }
  if (status === 429) {
    return new AppError('RATE_LIMITED', `Twilio is limiting requests: ${what}.`, true, retryAfterMs === undefined ? {} : { retryAfterMs });
  }
  if (status >= 500) return new AppError('VENUE_UNAVAILABLE', `Twilio is failing (${what}); retried.${more}`, true);
  return new AppError('INVALID_REQUEST', `Twilio refused the message: ${what}.${more}`, false);
}

export class SmsSender implements ChannelSender {
  constructor(private readonly options: SmsSenderOptions) {}

  async send(message: RenderedMessage): Promise<string> {
    const { config, authToken, baseUrl, timeoutMs } = this.options;
    const url = `${baseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
    const credentials = Buffer.from(`${config.accountSid}:${authToken ?? ''}`).toString('base64');
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Basic ${credentials}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ To: config.to, From: config.from, Body: smsBody(message) }).toString(),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      const reason = (error as Error).name === 'TimeoutError' ? 'no answer in time' : (cause ?? (error as Error).message);
      throw new AppError('VENUE_UNAVAILABLE', `Could not reach Twilio at ${baseUrl} (${reason}).`, true, { cause: error });
    }
    const text = await response.text();
    let body: TwilioError & { sid?: string; status?: unknown } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      // Not JSON (a proxy's error page): the HTTP status speaks for it.
    }
    if (!response.ok) {
      const retryAfter = Number(response.headers.get('retry-after'));
      throw twilioFailure(response.status, body, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined);
    }
    return `Twilio accepted message ${body.sid ?? '(no sid)'} with status ${String(body.status ?? response.status)}`;
  }
}
