// The `orders:*` channels over the order service. The dispatcher has already parsed each request with the contract
// (mode fits venue, prices where the order type needs them); the service checks the order against its market.
import { requireKeys } from '../secrets';
import type { Handlers } from './dispatcher';
import type { ApiServices } from './services';

type TradingChannels = 'orders:place' | 'orders:cancel' | 'orders:cancel-all' | 'orders:check' | 'orders:list' | 'orders:trades' | 'orders:balances';

export function tradingHandlers({ trading, secrets }: ApiServices): Pick<Handlers, TradingChannels> {
  return {
    'orders:place': (order) => {
      // A live order needs the account's keys: with the key file locked, say so rather than "not connected".
      if (order.mode === 'live') requireKeys(secrets);
      return trading.place(order);
    },
    'orders:cancel': ({ clientOrderId }) => trading.cancel(clientOrderId),
    'orders:cancel-all': (request) => trading.cancelAll(request),
    'orders:check': ({ clientOrderId }) => trading.check(clientOrderId),
    'orders:list': (query) => trading.list(query),
    'orders:trades': (query) => trading.trades(query),
    'orders:balances': (request) => trading.balances(request),
  };
}
