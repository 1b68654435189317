// The tabs under the chart (UI.md): open orders, order history, trades, balances, alerts, notifications log. Each
// feature contributes its tab here, in the order a trader scans them.
import type { ReactNode } from 'react';
import type { Market, Preferences, VenueSummary } from '../../../src-shared';
import { ALERTS_TAB } from '../alerts/alerts-tab';
import { NOTIFICATIONS_LOG_TAB } from '../notifications/notifications-tab';
import { ORDER_TABS } from '../orders/orders-tabs';

/** What every tab may need of the trading screen: the venue and market in view. */
export interface TabContext {
  preferences: Preferences;
  venue: VenueSummary | undefined;
  market: Market | undefined;
}

export interface WorkspaceTab {
  id: string;
  label: string;
  render(context: TabContext): ReactNode;
}

export const WORKSPACE_TABS: WorkspaceTab[] = [...ORDER_TABS];
// UI.md's order: Alerts before the notifications log.
WORKSPACE_TABS.push(ALERTS_TAB);
WORKSPACE_TABS.push(NOTIFICATIONS_LOG_TAB);
