import type { ApiServices } from './services';
import type { Handlers } from './dispatcher';

export function settingsHandlers({ preferences }: ApiServices): Pick<Handlers, 'settings:get' | 'settings:update'> {
  return {
    'settings:get': () => preferences.get(),
    'settings:update': (change) => preferences.update(change),
  };
}
