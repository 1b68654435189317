import { useEffect, useLayoutEffect, useState } from 'react';
import { api } from './api';
import { AccountsScreen } from './features/accounts/AccountsScreen';
import { AlertBanner } from './features/alerts/AlertBanner';
import { NotificationsScreen } from './features/notifications/NotificationsScreen';
import { Toasts } from './features/notifications/Toasts';
import { NotAuthorized } from './features/auth/NotAuthorized';
import { CandleChart } from './features/chart/CandleChart';
import { TimeframeBar } from './features/chart/TimeframeBar';
import { MarketDataPanel } from './features/market-data/MarketDataPanel';
import { OrderTicket } from './features/order-ticket/OrderTicket';
import { RiskScreen } from './features/risk/RiskScreen';
import { ProcessesPanel } from './features/shared-mode/ProcessesPanel';
import { useSecrets } from './features/secrets/secrets-store';
import { useSignIn } from './features/sign-in/sign-in-store';
import { usePlan } from './features/plan/plan-store';
import { UnlockDialog } from './features/secrets/UnlockDialog';
import { TopBar } from './features/top-bar/TopBar';
import { TradeTape } from './features/trade-tape/TradeTape';
import { WorkspaceTabs } from './features/workspace-tabs/WorkspaceTabs';
import { TradingLayout } from './features/workspace-tabs/TradingLayout';
import { setTimeZone } from './format/time';
import { setLanguage, systemLanguage, useT } from './i18n';
import { useConnection } from './stores/connection';
import { useReadOnly, useWorkspace } from './stores/workspace';

export function App() {
  const status = useConnection((state) => state.status);
  const generation = useConnection((state) => state.generation);
  const { venues, markets, preferences, error, load, choose } = useWorkspace();
  const readOnly = useReadOnly();
  const { t } = useT();
  // Settings screens (accounts…) replace the trading screen rather than crowding it (UI.md).
  const [screen, setScreen] = useState<'trading' | 'accounts' | 'notifications' | 'risk'>('trading');

  useEffect(() => {
    if (generation > 0 && !preferences) void load(api);
  }, [generation, preferences, load]);

  // Whether keys can be used (the key file may wait for its passphrase), and every change main reports.
  const loadSecrets = useSecrets((state) => state.load);
  const secretsChanged = useSecrets((state) => state.changed);
  const unlocks = useSecrets((state) => state.unlocks);
  useEffect(() => api.on('secrets.status-changed', secretsChanged), [secretsChanged]);
  // A viewer is never told about keys (src-shared/access.ts): asked once the session's role is known.
  const workspaceLoaded = preferences !== undefined;
  useEffect(() => {
    if (generation > 0 && workspaceLoaded && !readOnly) void loadSecrets(api);
  }, [generation, workspaceLoaded, readOnly, loadSecrets]);
  // The product account (sign-in): only the operator is told who is signed in, and only the operator signs in.
  const loadSignIn = useSignIn((state) => state.load);
  const signInChanged = useSignIn((state) => state.changed);
  useEffect(() => api.on('auth.status-changed', signInChanged), [signInChanged]);
  // The headless host has no system browser of its own: it asks this page to open the provider in a new tab.
  useEffect(() => api.on('auth.open-url', ({ url }) => void window.open(url, '_blank', 'noopener')), []);
  useEffect(() => {
    if (generation > 0 && workspaceLoaded && !readOnly) void loadSignIn(api);
  }, [generation, workspaceLoaded, readOnly, loadSignIn]);
  // The plan (Free or Pro), when an account server sells one: the operator's, like the account it belongs to.
  const loadPlan = usePlan((state) => state.load);
  const planChanged = usePlan((state) => state.changed);
  useEffect(() => api.on('billing.status-changed', planChanged), [planChanged]);
  useEffect(() => {
    if (generation > 0 && workspaceLoaded && !readOnly) void loadPlan(api);
  }, [generation, workspaceLoaded, readOnly, loadPlan]);
  // Unlocked: the saved accounts reconnect, and their venues become available.
  useEffect(() => {
    if (unlocks > 0) void load(api);
  }, [unlocks, load]);

  // Before the children's effects run: the chart reads its colours from the page's CSS variables.
  // Set while rendering, before any child formats a time with it (format/time.ts).
  setTimeZone(preferences?.timeZone ?? 'local');
  const theme = preferences?.theme ?? 'dark';
  const palette = preferences?.palette ?? 'green-red';
  // The saved choice, else the system's language when it is one of ours. Switched in a layout effect: i18next tells
  // every subscribed component (this one included, so the whole tree re-renders) before the next paint.
  const language = preferences?.language ?? systemLanguage();
  useLayoutEffect(() => {
    setLanguage(language);
    document.documentElement.lang = language;
  }, [language]);
  useLayoutEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.dataset.palette = palette;
  }, [theme, palette]);

  if (status === 'unauthorized') return <NotAuthorized />;
  if (!preferences) {
    return (
      <main className="full-screen-message" role="status">
        {error ? t('app.couldNotLoad', { error }) : t('app.connecting')}
      </main>
    );
  }
  if (screen === 'accounts') {
    const back = (): void => {
      setScreen('trading');
      // An account added or removed changes which venues are available.
      void load(api);
    };
    return (
      <>
        <AccountsScreen venues={venues} onBack={back} />
        <UnlockDialog />
      </>
    );
  }
  if (screen === 'notifications') {
    return (
      <>
        <NotificationsScreen onBack={() => setScreen('trading')} />
        <UnlockDialog />
      </>
    );
  }
  if (screen === 'risk') return <RiskScreen venues={venues} onBack={() => setScreen('trading')} />;
  const market = markets.find((m) => m.symbol === preferences.symbol);
  const onChoose = (change: Parameters<typeof choose>[1]) => void choose(api, change);
  return (
    <div className="app">
      <TopBar
        venues={venues}
        markets={markets}
        preferences={preferences}
        market={market}
        onChoose={onChoose}
        onOpenAccounts={() => setScreen('accounts')}
        onOpenNotifications={() => setScreen('notifications')}
        onOpenRisk={() => setScreen('risk')}
      />
      {error && (
        <div className="error-banner" role="alert">
          {error}
        </div>
      )}
      <TradingLayout
        chart={
          <section className="chart-panel" aria-label={t('app.chart')}>
            <TimeframeBar value={preferences.timeframe} onChange={(timeframe) => onChoose({ timeframe })} />
            {market ? (
              <CandleChart venue={preferences.venue} market={market} timeframe={preferences.timeframe} />
            ) : (
              <p className="empty">{t('app.noMarket')}</p>
            )}
          </section>
        }
        side={
          <aside className="side-column" aria-label={readOnly ? t('app.prices') : t('app.ticketAndPrices')}>
            {/* A viewer neither trades nor spends the operator's data-API allowances (the comparison asks every source). */}
            {!readOnly && <OrderTicket venueId={preferences.venue} venues={venues} market={market} />}
            {!readOnly && <MarketDataPanel symbol={preferences.symbol} decimals={market?.pricePrecision ?? 2} />}
            {market && <TradeTape key={`${preferences.venue}|${market.symbol}`} venue={preferences.venue} market={market} />}
            <ProcessesPanel />
          </aside>
        }
        tabs={<WorkspaceTabs preferences={preferences} venue={venues.find((v) => v.id === preferences.venue)} market={market} />}
      />
      <Toasts />
      <AlertBanner />
      <UnlockDialog />
    </div>
  );
}
