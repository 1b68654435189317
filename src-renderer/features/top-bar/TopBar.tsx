import type { Market, Preferences, VenueSummary } from '../../../src-shared';
import { ConnectionBadge } from './ConnectionBadge';
import { LastPrice } from './LastPrice';

interface Props {
  venues: VenueSummary[];
  markets: Market[];
  preferences: Preferences;
  market: Market | undefined;
  onChoose: (change: Partial<Preferences>) => void;
  onOpenAccounts: () => void;
}

export function TopBar({ venues, markets, preferences, market, onChoose, onOpenAccounts }: Props) {
  const venue = venues.find((v) => v.id === preferences.venue);
  return (
    <header className="top-bar">
      <span className="brand">Trade Bot Scratch</span>
      <label className="field">
        <span className="sr-only">Venue</span>
        <select
          aria-label="Venue"
          value={preferences.venue}
          onChange={(event) => onChoose({ venue: event.target.value as Preferences['venue'] })}
        >
          {venues.map((v) => (
            <option key={v.id} value={v.id} disabled={!v.available}>
              {v.name}
              {v.available ? '' : ' (not connected)'}
            </option>
          ))}
        </select>
      </label>
      {venue && <span className={`badge mode mode-${venue.mode}`} title={`${venue.mode} trading`}>{venue.mode.toUpperCase()}</span>}
      <label className="field">
        <span className="sr-only">Symbol</span>
        <select aria-label="Symbol" value={preferences.symbol} onChange={(event) => onChoose({ symbol: event.target.value })}>
          {markets.map((m) => (
            <option key={m.symbol} value={m.symbol}>
              {m.symbol}
            </option>
          ))}
        </select>
      </label>
      {market && <LastPrice venue={preferences.venue} market={market} />}
      <span className="spacer" />
      <button type="button" onClick={onOpenAccounts}>
        Accounts
      </button>
      <ConnectionBadge />
    </header>
  );
}
