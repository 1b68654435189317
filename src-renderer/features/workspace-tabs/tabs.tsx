// The tabs under the chart (UI.md): open orders, order history, trades, balances, positions, alerts, notifications
// log, portfolio. Each feature contributes its tab here, in the order a trader scans them.
import { ALERTS_TAB } from '../alerts/alerts-tab';
import { NOTIFICATIONS_LOG_TAB } from '../notifications/notifications-tab';
import { ORDER_TABS } from '../orders/orders-tabs';
import { PORTFOLIO_TAB } from '../portfolio/portfolio-tab';
import { POSITIONS_TAB } from '../positions/positions-tab';
import type { WorkspaceTab } from './workspace-tab';

export const WORKSPACE_TABS: WorkspaceTab[] = [...ORDER_TABS];
// Positions right after the balances: both say what an account holds.
WORKSPACE_TABS.push(POSITIONS_TAB);
// UI.md's order: Alerts before the notifications log.
WORKSPACE_TABS.push(ALERTS_TAB);
WORKSPACE_TABS.push(NOTIFICATIONS_LOG_TAB);
WORKSPACE_TABS.push(PORTFOLIO_TAB);
