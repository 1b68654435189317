import { AppError, mt5Channels } from '../../src-shared';
import type { Handlers } from './dispatcher';
import type { ApiServices } from './services';

type Mt5Channels = keyof typeof mt5Channels;

const notYet = (): never => {
  throw new AppError('VENUE_UNAVAILABLE', 'MetaTrader 5 is not available yet', false);
};

export function mt5Handlers(_services: ApiServices): Pick<Handlers, Mt5Channels> {
  return { 'mt5:bridge': notYet, 'mt5:pairing': notYet, 'mt5:renew-pairing': notYet, 'mt5:use-for-trading': notYet };
}
