// Every channel's handler, grouped per domain. The `Handlers` type makes a channel without a handler a compile error.
import { appHandlers } from './app-handlers';
import type { Handlers } from './dispatcher';
import { marketHandlers } from './market-handlers';
import type { ApiServices } from './services';
import { settingsHandlers } from './settings-handlers';

export function createHandlers(services: ApiServices): Handlers {
  return {
    ...appHandlers(services),
    ...marketHandlers(services),
    ...settingsHandlers(services),
  };
}
