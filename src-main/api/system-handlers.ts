import { allConnectivity } from './connectivity';
import type { Handlers } from './dispatcher';
import type { ApiServices } from './services';

export function systemHandlers({ resilience, venues, links }: ApiServices): Pick<
  Handlers,
  'system:health' | 'system:connectivity' | 'system:retry-now' | 'system:network-online'
> {
  return {
    // A snapshot, not a stream: the health view polls every few seconds, which is plenty for breaker and budget
    // states that change over seconds to minutes.
    'system:health': () => resilience.snapshot(),
    'system:connectivity': () => allConnectivity(venues, links),
    'system:retry-now': ({ venue }) => {
      const link = links.get(venue);
      const probing = link.state.state === 'offline';
      link.probeNow();
      return { probing };
    },
    // Several windows may say so at once: a link already probing ignores the second ask.
    'system:network-online': () => {
      const offline = links.all().filter((link) => link.state.state === 'offline');
      links.probeAll();
      return { probing: offline.length };
    },
  };
}
