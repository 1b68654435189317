import { requireKeys } from '../secrets';
import type { Handlers } from './dispatcher';
import type { ApiServices } from './services';

type AccountChannels = 'accounts:list' | 'accounts:add' | 'accounts:test' | 'accounts:remove';

// The add request is the only one that carries secrets in; the responses are summaries (whether a key is set,
// never its value), and the dispatcher strips any field the contract does not name on top of that. With the key
// file locked, adding and testing are refused before any call to the venue: they need the keys.
export function accountsHandlers({ accounts, secrets }: ApiServices): Pick<Handlers, AccountChannels> {
  return {
    'accounts:list': () => ({ accounts: accounts.list(), venues: [...accounts.supportedVenues] }),
    'accounts:add': (request) => {
      requireKeys(secrets);
      return accounts.add(request);
    },
    'accounts:test': ({ id }) => {
      requireKeys(secrets);
      return accounts.test(id);
    },
    'accounts:remove': ({ id }) => accounts.remove(id),
  };
}
