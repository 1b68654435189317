import type { Handlers } from './dispatcher';
import type { ApiServices } from './services';

type AlertChannels = 'alerts:list' | 'alerts:create' | 'alerts:update' | 'alerts:pause' | 'alerts:delete' | 'alerts:history';

export function alertsHandlers({ alerts }: ApiServices): Pick<Handlers, AlertChannels> {
  return {
    'alerts:list': () => alerts.list(),
    'alerts:create': (rule) => alerts.create(rule),
    'alerts:update': (change) => alerts.update(change),
    'alerts:pause': ({ id, paused }) => alerts.setPaused(id, paused),
    'alerts:delete': ({ id }) => ({ deleted: alerts.delete(id) }),
    'alerts:history': ({ ruleId, limit }) => alerts.history(limit, ruleId),
  };
}
