// `secrets:*`: which store holds the keys and whether it is open, and the passphrase that opens the key file. The
// passphrase goes in and never comes back out: the answer is the status only.
import type { Handlers } from './dispatcher';
import type { ApiServices } from './services';

type SecretsChannels = 'secrets:status' | 'secrets:unlock';

export function secretsHandlers({ secrets }: Pick<ApiServices, 'secrets'>): Pick<Handlers, SecretsChannels> {
  return {
    'secrets:status': () => secrets.status(),
    'secrets:unlock': ({ passphrase }) => secrets.unlock(passphrase),
  };
}
