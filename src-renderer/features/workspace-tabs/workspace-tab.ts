// What a tab under the chart is. On its own so that each feature can describe its tab without importing tabs.tsx,
// which lists the features' tabs.
import type { ReactNode } from 'react';
import type { Market, Preferences, VenueSummary } from '../../../src-shared';

/** What every tab may need of the trading screen: the venue and market in view. */
export interface TabContext {
  preferences: Preferences;
  venue: VenueSummary | undefined;
  market: Market | undefined;
}

/** A tab's id names its label in the catalogues (workspaceTabs `tabs.<id>`), so it is shown in the chosen language. */
export type TabId = keyof typeof import('../../i18n/en/workspaceTabs').default.tabs;

export interface WorkspaceTab {
  id: TabId;
  render(context: TabContext): ReactNode;
}
