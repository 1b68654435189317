import type { Handlers } from './dispatcher';
import type { ApiServices } from './services';

export function systemHandlers({ resilience }: ApiServices): Pick<Handlers, 'system:health'> {
  return {
    // A snapshot, not a stream: the health view polls every few seconds, which is plenty for breaker and budget
    // states that change over seconds to minutes.
    'system:health': () => resilience.snapshot(),
  };
}
