// `providers:*`: price sources, their order and keys, and the aggregator's answers. Keys go in through
// `set-key` and never come back out: every answer is parsed by the contract, whose ProviderInfo has no key field.
import type { Handlers } from './dispatcher';
import type { ApiServices } from './services';

type ProvidersChannels =
  | 'providers:list'
  | 'providers:set-priority'
  | 'providers:set-key'
  | 'providers:remove-key'
  | 'providers:quote'
  | 'providers:compare'
  | 'providers:candles';

export function providersHandlers({ marketData }: Pick<ApiServices, 'marketData'>): Pick<Handlers, ProvidersChannels> {
  return {
    'providers:list': () => marketData.state(),
    'providers:set-priority': ({ priority }) => marketData.setPriority(priority),
    'providers:set-key': ({ provider, apiKey }) => marketData.setKey(provider, apiKey),
    'providers:remove-key': ({ provider }) => marketData.removeKey(provider),
    'providers:quote': ({ symbol }) => marketData.quote(symbol),
    'providers:compare': ({ symbol }) => marketData.compare(symbol),
    'providers:candles': ({ symbol, timeframe, limit, before }) =>
      marketData.candles(symbol, timeframe, before === undefined ? { limit } : { limit, before }),
  };
}
