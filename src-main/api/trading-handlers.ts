import { AppError } from '../../src-shared';
import type { Handlers } from './dispatcher';
import type { ApiServices } from './services';

type TradingChannels = 'orders:place' | 'orders:cancel' | 'orders:cancel-all' | 'orders:check' | 'orders:list' | 'orders:trades' | 'orders:balances';

const notYet = (): never => {
  throw new AppError('INTERNAL', 'trading is not wired yet');
};

export function tradingHandlers(_services: ApiServices): Pick<Handlers, TradingChannels> {
  return {
    'orders:place': notYet,
    'orders:cancel': notYet,
    'orders:cancel-all': notYet,
    'orders:check': notYet,
    'orders:list': notYet,
    'orders:trades': notYet,
    'orders:balances': notYet,
  };
}
