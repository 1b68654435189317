// The notifications folder's public face: other folders import only this file (eslint-rules/layering.mjs).
import { plainTextEnvUrlWarning } from '../../src-shared';
export { NotificationService, type NotificationServiceDeps } from './service';
export type { DesktopNotifier } from './channels/port';
export { TWILIO_BASE_URL } from './channels/sms';
export { secretAccount } from './config-store';
export type { NotificationData, RiskLimitExceeded, StrategyStopped } from './templates';
export type { IsolationOptions } from './isolation';
export type { ThrottleOptions } from './throttle';

/**
 * Twilio's base URL from TBS_TWILIO_URL (a proxy; tests point it at a local fake), else Twilio's own. An http:// one to
 * another machine would carry the auth token in clear text: it is ignored with a one-line warning unless
 * TBS_ALLOW_PLAIN_HTTP=1.
 */
export function twilioUrlFromEnv(
  env: NodeJS.ProcessEnv,
  warn: (line: string) => void = (line) => console.warn(`notifications: ${line}`),
): string | undefined {
  const value = env.TBS_TWILIO_URL;
  if (!value) return undefined;
  const plainText = plainTextEnvUrlWarning('TBS_TWILIO_URL', value, env);
  if (plainText) {
    warn(plainText);
    return undefined;
  }
  return value;
}
