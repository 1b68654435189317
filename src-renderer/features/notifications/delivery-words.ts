// Words and times for the delivery log.
import { NOTIFICATION_TYPE_NAMES, type DeliveryLogEntry } from '../../../src-shared';
import { isoDateTime } from '../../format/time';

export const OUTCOME_WORDS: Record<DeliveryLogEntry['outcome'], string> = {
  sent: 'Sent',
  failed: 'Failed',
  throttled: 'Throttled',
  'quiet-hours': 'Quiet hours',
  skipped: 'Skipped',
};

export const CHANNEL_WORDS: Record<DeliveryLogEntry['channel'], string> = { desktop: 'Desktop', email: 'Email', sms: 'SMS' };

export function typeWords(type: DeliveryLogEntry['type']): string {
  if (type === 'plan') return 'Plan';
  return type === 'test' ? 'Test' : type === 'account' ? 'Account' : NOTIFICATION_TYPE_NAMES[type];
}

/** Date and time in the chosen zone, to the second: when the trader was (or was not) told. */
export function localTime(at: number): string {
  return isoDateTime(at);
}
