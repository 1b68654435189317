// The role each channel and each event needs (see roles.ts). `satisfies Record<Channel, Role>` makes a channel
// missing here, or a name that is no channel, a compile error. The rule of thumb: a viewer watches markets, orders,
// balances, alerts fired and logs; anything that trades, changes a setting, spends a paid data allowance or tells
// which secrets are stored (accounts, data-provider keys, notification passwords) needs the operator.
import type { Channel, EventName } from './contract';
import type { Role } from './roles';

export const CHANNEL_ROLES = {
  'app:info': 'viewer',
  'market:markets': 'viewer',
  'market:ticker': 'viewer',
  'market:candles': 'viewer',
  'market:subscribe': 'viewer',
  'market:subscribe-trades': 'viewer',
  'market:subscribe-ticker': 'viewer',
  'market:unsubscribe': 'viewer',
  // The viewer reads the preferences (the market to open on) but cannot save them.
  'settings:get': 'viewer',
  'settings:update': 'operator',
  'system:health': 'viewer',
  'system:connectivity': 'viewer',
  // Only makes an offline venue's next probe come sooner: it changes nothing and sends no order.
  'system:retry-now': 'viewer',
  // The same for every offline venue, when a window sees the network back: it changes nothing and sends no order.
  'system:network-online': 'viewer',
  // Accounts say which keys are set.
  'accounts:list': 'operator',
  'accounts:add': 'operator',
  'accounts:test': 'operator',
  'accounts:remove': 'operator',
  // Providers say which keys are set; quotes spend the operator's tight free-tier allowances and their failures
  // ("no key") tell which keys are stored.
  'providers:list': 'operator',
  'providers:set-priority': 'operator',
  'providers:set-key': 'operator',
  'providers:remove-key': 'operator',
  'providers:quote': 'operator',
  'providers:compare': 'operator',
  'providers:candles': 'operator',
  'orders:place': 'operator',
  'orders:cancel': 'operator',
  'orders:cancel-all': 'operator',
  // Asks the venue and may rewrite the journal: an action, not a view.
  'orders:check': 'operator',
  'orders:list': 'viewer',
  'orders:trades': 'viewer',
  'orders:balances': 'viewer',
  'risk:settings': 'operator',
  'risk:update-settings': 'operator',
  // Whether new orders are blocked is part of what a viewer watches; engaging or releasing it is not theirs.
  'risk:kill-switch': 'viewer',
  'risk:engage-kill-switch': 'operator',
  'risk:release-kill-switch': 'operator',
  'risk:log': 'viewer',
  'alerts:list': 'viewer',
  'alerts:create': 'operator',
  'alerts:update': 'operator',
  'alerts:pause': 'operator',
  'alerts:delete': 'operator',
  'alerts:history': 'viewer',
  // Says whether the SMTP password and SMS token are set.
  'notifications:settings': 'operator',
  'notifications:update': 'operator',
  'notifications:set-secret': 'operator',
  'notifications:remove-secret': 'operator',
  'notifications:test': 'operator',
  'notifications:log': 'viewer',
  // Whether the keys are locked is a secret's status; unlocking is the operator's.
  'secrets:status': 'operator',
  'secrets:unlock': 'operator',
  // The status carries a waiting device code and who is signed in; signing in or out acts for the whole app.
  'auth:status': 'operator',
  'auth:sign-in': 'operator',
  'auth:cancel': 'operator',
  'auth:sign-out': 'operator',
  // Where the whole app signs in: changing it signs the trader out, so it is the operator's like every setting.
  'auth:settings': 'operator',
  'auth:update-settings': 'operator',
  // Which terminals are connected is what a viewer watches; the pairing token lets a terminal trade.
  'mt5:bridge': 'viewer',
  'mt5:pairing': 'operator',
  'mt5:renew-pairing': 'operator',
  'mt5:use-for-trading': 'operator',
  'positions:list': 'viewer',
  'positions:close': 'operator',
  'positions:modify': 'operator',
  'positions:close-all': 'operator',
  'positions:deals': 'viewer',
  // The plan belongs to the signed-in account, like its status; paying and managing it are the operator's.
  'billing:status': 'operator',
  'billing:refresh': 'operator',
  'billing:checkout': 'operator',
  'billing:portal': 'operator',
  // What is held and what it made is what a viewer watches; the reporting currency is a setting.
  'portfolio:summary': 'viewer',
  'portfolio:positions': 'viewer',
  'portfolio:equity': 'viewer',
  'portfolio:statistics': 'viewer',
  'portfolio:ledger': 'viewer',
  'portfolio:export': 'viewer',
  'portfolio:settings': 'viewer',
  'portfolio:update-settings': 'operator',
  'shared:status': 'viewer',
  // Where this process connects, with which password: the operator's.
  'shared:settings': 'operator',
  'shared:update-settings': 'operator',
} as const satisfies Record<Channel, Role>;

/** Who receives each pushed event. An event that tells a secret's status changed would be `operator`. */
export const EVENT_ROLES = {
  'candle.updated': 'viewer',
  'trades.updated': 'viewer',
  'ticker.updated': 'viewer',
  'stream.status-changed': 'viewer',
  'venue.connectivity-changed': 'viewer',
  'order.updated': 'viewer',
  'trade.executed': 'viewer',
  'balance.changed': 'viewer',
  'risk.kill-switch.changed': 'viewer',
  'risk.limit.exceeded': 'viewer',
  'risk.limit.warning': 'viewer',
  'alert.triggered': 'viewer',
  'notification.shown': 'viewer',
  'notification.logged': 'viewer',
  'secrets.status-changed': 'operator',
  'auth.status-changed': 'operator',
  // Only the operator's own page asked for it, and only the operator may follow a sign-in through.
  'auth.open-url': 'operator',
  'mt5.bridge-changed': 'viewer',
  'positions.changed': 'viewer',
  'billing.status-changed': 'operator',
  'portfolio.updated': 'viewer',
  'shared.status': 'viewer',
} as const satisfies Record<EventName, Role>;

export function channelRole(channel: Channel): Role {
  return CHANNEL_ROLES[channel];
}

export function eventRole(event: EventName): Role {
  return EVENT_ROLES[event];
}
