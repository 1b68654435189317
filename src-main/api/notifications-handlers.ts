// `notifications:*`: the notification settings, secrets in (never out: NotificationSettings only says whether each
// is set), test messages and the delivery log.
import type { Handlers } from './dispatcher';
import type { ApiServices } from './services';

type NotificationChannels =
  | 'notifications:settings'
  | 'notifications:update'
  | 'notifications:set-secret'
  | 'notifications:remove-secret'
  | 'notifications:test'
  | 'notifications:log';

export function notificationsHandlers({ notifications }: Pick<ApiServices, 'notifications'>): Pick<Handlers, NotificationChannels> {
  return {
    'notifications:settings': () => notifications.settings(),
    'notifications:update': (patch) => notifications.update(patch),
    'notifications:set-secret': ({ secret, value }) => notifications.setSecret(secret, value),
    'notifications:remove-secret': ({ secret }) => notifications.removeSecret(secret),
    'notifications:test': ({ channel }) => notifications.test(channel),
    'notifications:log': ({ limit }) => ({ entries: notifications.deliveries(limit) }),
  };
}
