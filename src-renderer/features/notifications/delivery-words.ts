// Words and times for the delivery log.
import { NOTIFICATION_TYPE_NAMES, type DeliveryLogEntry } from '../../../src-shared';

export const OUTCOME_WORDS: Record<DeliveryLogEntry['outcome'], string> = {
  sent: 'Sent',
  failed: 'Failed',
  throttled: 'Throttled',
  'quiet-hours': 'Quiet hours',
  skipped: 'Skipped',
};

export const CHANNEL_WORDS: Record<DeliveryLogEntry['channel'], string> = { desktop: 'Desktop', email: 'Email', sms: 'SMS' };

export function typeWords(type: DeliveryLogEntry['type']): string {
  return type === 'test' ? 'Test' : NOTIFICATION_TYPE_NAMES[type];
}

/** Local date and time, to the second: when the trader was (or was not) told. */
export function localTime(at: number): string {
  const date = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
