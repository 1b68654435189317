import { AppError, positionsChannels } from '../../src-shared';
import type { Handlers } from './dispatcher';
import type { ApiServices } from './services';

type PositionsChannels = keyof typeof positionsChannels;

const notYet = (): never => {
  throw new AppError('VENUE_UNAVAILABLE', 'positions are not available yet', false);
};

export function positionsHandlers(_services: ApiServices): Pick<Handlers, PositionsChannels> {
  return {
    'positions:list': notYet,
    'positions:close': notYet,
    'positions:modify': notYet,
    'positions:close-all': notYet,
    'positions:deals': notYet,
  };
}
