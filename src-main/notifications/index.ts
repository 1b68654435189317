// The notifications folder's public face: other folders import only this file (eslint-rules/layering.mjs).
export { NotificationService, type NotificationServiceDeps } from './service';
export type { DesktopNotifier } from './channels/port';
export { TWILIO_BASE_URL } from './channels/sms';
export { secretAccount } from './config-store';
export type { NotificationData, RiskLimitExceeded, StrategyStopped } from './templates';
export type { IsolationOptions } from './isolation';
export type { ThrottleOptions } from './throttle';

/** Twilio's base URL from TBS_TWILIO_URL (tests point it at a local fake), else Twilio's own. */
export function twilioUrlFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  return env.TBS_TWILIO_URL || undefined;
}
