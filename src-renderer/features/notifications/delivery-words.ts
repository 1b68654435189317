// Words and times for the delivery log, in the current language (read at each call).
import type { DeliveryLogEntry } from '../../../src-shared';
import { isoDateTime } from '../../format/time';
import { t } from '../../i18n';

export function outcomeWords(outcome: DeliveryLogEntry['outcome']): string {
  return t(`notifications:outcomes.${outcome}`);
}

export function channelWords(channel: DeliveryLogEntry['channel']): string {
  return t(`notifications:channels.${channel}`);
}

/** A notification type's name: the trading events, and the plan, test and account messages. */
export function typeWords(type: DeliveryLogEntry['type']): string {
  return t(`notifications:types.${type}`);
}

/** Date and time in the chosen zone, to the second: when the trader was (or was not) told. */
export function localTime(at: number): string {
  return isoDateTime(at);
}
