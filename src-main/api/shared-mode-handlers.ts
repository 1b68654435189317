import { sharedModeChannels } from '../../src-shared';
import type { Handlers } from './dispatcher';
import type { ApiServices } from './services';

type SharedModeChannels = keyof typeof sharedModeChannels;

export function sharedModeHandlers({ shared }: ApiServices): Pick<Handlers, SharedModeChannels> {
  return {
    'shared:status': () => shared.status(),
  };
}
