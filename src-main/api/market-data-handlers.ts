// `market-data:*`: price sources, their order and keys, and the aggregator's answers. Keys go in through
// `set-key` and never come back out: every answer is parsed by the contract, whose ProviderInfo has no key field.
import type { Handlers } from './dispatcher';
import type { ApiServices } from './services';

type MarketDataChannels =
  | 'market-data:providers'
  | 'market-data:set-priority'
  | 'market-data:set-key'
  | 'market-data:remove-key'
  | 'market-data:quote'
  | 'market-data:compare'
  | 'market-data:candles';

export function marketDataHandlers({ marketData }: Pick<ApiServices, 'marketData'>): Pick<Handlers, MarketDataChannels> {
  return {
    'market-data:providers': () => marketData.state(),
    'market-data:set-priority': ({ priority }) => marketData.setPriority(priority),
    'market-data:set-key': ({ provider, apiKey }) => marketData.setKey(provider, apiKey),
    'market-data:remove-key': ({ provider }) => marketData.removeKey(provider),
    'market-data:quote': ({ symbol }) => marketData.quote(symbol),
    'market-data:compare': ({ symbol }) => marketData.compare(symbol),
    'market-data:candles': ({ symbol, timeframe, limit, before }) =>
      marketData.candles(symbol, timeframe, before === undefined ? { limit } : { limit, before }),
  };
}
