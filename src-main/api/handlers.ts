// Every channel's handler, grouped per domain. The `Handlers` type makes a channel without a handler a compile error.
import { accountsHandlers } from './accounts-handlers';
import { alertsHandlers } from './alerts-handlers';
import { appHandlers } from './app-handlers';
import { authHandlers } from './auth-handlers';
import { billingHandlers } from './billing-handlers';
import type { Handlers } from './dispatcher';
import { providersHandlers } from './providers-handlers';
import { marketHandlers } from './market-handlers';
import { mt5Handlers } from './mt5-handlers';
import { notificationsHandlers } from './notifications-handlers';
import { positionsHandlers } from './positions-handlers';
import { portfolioHandlers } from './portfolio-handlers';
import { riskHandlers } from './risk-handlers';
import { secretsHandlers } from './secrets-handlers';
import type { ApiServices } from './services';
import { settingsHandlers } from './settings-handlers';
import { sharedModeHandlers } from './shared-mode-handlers';
import { systemHandlers } from './system-handlers';
import { tradingHandlers } from './trading-handlers';

export function createHandlers(services: ApiServices): Handlers {
  return {
    ...accountsHandlers(services),
    ...alertsHandlers(services),
    ...appHandlers(services),
    ...authHandlers(services),
    ...providersHandlers(services),
    ...marketHandlers(services),
    ...notificationsHandlers(services),
    ...riskHandlers(services),
    ...secretsHandlers(services),
    ...settingsHandlers(services),
    ...systemHandlers(services),
    ...tradingHandlers(services),
    ...mt5Handlers(services),
    ...positionsHandlers(services),
    ...billingHandlers(services),
    ...portfolioHandlers(services),
    ...sharedModeHandlers(services),
  };
}
