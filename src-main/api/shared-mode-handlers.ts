import { sharedModeChannels } from '../../src-shared';
import type { Handlers } from './dispatcher';
import type { ApiServices } from './services';

type SharedModeChannels = keyof typeof sharedModeChannels;

export function sharedModeHandlers({ shared, sharedSettings }: ApiServices): Pick<Handlers, SharedModeChannels> {
  return {
    'shared:status': () => shared.status(),
    'shared:settings': () => sharedSettings.view(),
    'shared:update-settings': (request) => sharedSettings.update(request),
  };
}
