import type { ApiServices } from './services';
import type { Handlers } from './dispatcher';

export function appHandlers({ identity, venues }: ApiServices): Pick<Handlers, 'app:info'> {
  return {
    'app:info': (_request, session) => ({ ...identity, defaultVenue: 'demo', venues: venues.summaries(), role: session.role }),
  };
}
