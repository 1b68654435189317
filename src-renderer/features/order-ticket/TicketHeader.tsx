import type { TradingMode, VenueSummary } from '../../../src-shared';
import { ModeBadge } from '../orders/ModeBadge';

interface Props {
  venue: VenueSummary | undefined;
  mode: TradingMode | undefined;
  onChoose: (mode: 'live' | 'paper') => void;
}

/** Which venue and mode the ticket sends to; a real venue switches between Live and Paper here. */
export function TicketHeader({ venue, mode, onChoose }: Props) {
  return (
    <header className="ticket-head">
      <h2>{venue?.name ?? 'Order ticket'}</h2>
      {mode ? <ModeBadge mode={mode} /> : <span className="muted">…</span>}
      {venue && venue.id !== 'demo' && (
        <div role="group" aria-label="Trading mode" className="segmented mode-switch">
          {(['live', 'paper'] as const).map((choice) => (
            <button
              key={choice}
              type="button"
              aria-pressed={mode === choice}
              className={`segment mode-choice-${choice}`}
              onClick={() => onChoose(choice)}
            >
              {choice === 'live' ? 'Live' : 'Paper'}
            </button>
          ))}
        </div>
      )}
    </header>
  );
}
