import type { Handlers } from './dispatcher';
import type { ApiServices } from './services';

type AccountChannels = 'accounts:list' | 'accounts:add' | 'accounts:test' | 'accounts:remove';

// The add request is the only one that carries secrets in; the responses are summaries (whether a key is set,
// never its value), and the dispatcher strips any field the contract does not name on top of that.
export function accountsHandlers({ accounts }: ApiServices): Pick<Handlers, AccountChannels> {
  return {
    'accounts:list': () => ({ accounts: accounts.list(), venues: [...accounts.supportedVenues] }),
    'accounts:add': (request) => accounts.add(request),
    'accounts:test': ({ id }) => accounts.test(id),
    'accounts:remove': ({ id }) => accounts.remove(id),
  };
}
