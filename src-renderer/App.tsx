import { useEffect } from 'react';
import { api } from './api';
import { NotAuthorized } from './features/auth/NotAuthorized';
import { CandleChart } from './features/chart/CandleChart';
import { TimeframeBar } from './features/chart/TimeframeBar';
import { TopBar } from './features/top-bar/TopBar';
import { useConnection } from './stores/connection';
import { useWorkspace } from './stores/workspace';

export function App() {
  const status = useConnection((state) => state.status);
  const generation = useConnection((state) => state.generation);
  const { venues, markets, preferences, error, load, choose } = useWorkspace();

  useEffect(() => {
    if (generation > 0 && !preferences) void load(api);
  }, [generation, preferences, load]);

  if (status === 'unauthorized') return <NotAuthorized />;
  if (!preferences) {
    return (
      <main className="full-screen-message" role="status">
        {error ? `Could not load the app: ${error}` : 'Connecting to the app…'}
      </main>
    );
  }
  const market = markets.find((m) => m.symbol === preferences.symbol);
  const onChoose = (change: Parameters<typeof choose>[1]) => void choose(api, change);
  return (
    <div className="app">
      <TopBar venues={venues} markets={markets} preferences={preferences} market={market} onChoose={onChoose} />
      {error && (
        <div className="error-banner" role="alert">
          {error}
        </div>
      )}
      <main className="workspace">
        <section className="chart-panel" aria-label="Chart">
          <TimeframeBar value={preferences.timeframe} onChange={(timeframe) => onChoose({ timeframe })} />
          {market ? (
            <CandleChart venue={preferences.venue} market={market} timeframe={preferences.timeframe} />
          ) : (
            <p className="empty">No market selected.</p>
          )}
        </section>
      </main>
    </div>
  );
}
