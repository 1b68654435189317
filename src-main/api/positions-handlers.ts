import { positionsChannels } from '../../src-shared';
import type { Handlers } from './dispatcher';
import type { ApiServices } from './services';

type PositionsChannels = keyof typeof positionsChannels;

// Closing is never blocked (not by the kill switch, not by a plan): it only reduces what is at risk.
export function positionsHandlers({ positions }: ApiServices): Pick<Handlers, PositionsChannels> {
  return {
    'positions:list': () => positions.list(),
    'positions:close': ({ venue, account, id, volume }) => positions.close(venue, account, id, volume),
    'positions:modify': ({ venue, account, id, stopLoss, takeProfit }) => positions.modify(venue, account, id, { stopLoss, takeProfit }),
    'positions:close-all': () => positions.closeAll(),
    'positions:deals': async ({ venue, account, since }) => ({ deals: await positions.deals(venue, account, since) }),
  };
}
