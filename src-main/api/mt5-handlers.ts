import { mt5Channels } from '../../src-shared';
import type { Handlers } from './dispatcher';
import type { ApiServices } from './services';

type Mt5Channels = keyof typeof mt5Channels;

export function mt5Handlers({ mt5 }: ApiServices): Pick<Handlers, Mt5Channels> {
  return {
    'mt5:bridge': () => mt5.status(),
    'mt5:pairing': () => mt5.pairing(),
    'mt5:renew-pairing': () => mt5.renewPairing(),
    'mt5:use-for-trading': ({ login }) => mt5.useForTrading(login),
  };
}
