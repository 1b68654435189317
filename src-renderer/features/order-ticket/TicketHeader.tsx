import type { TradingMode, VenueSummary } from '../../../src-shared';
import { useT } from '../../i18n';
import { ModeBadge } from '../orders/ModeBadge';

interface Props {
  venue: VenueSummary | undefined;
  mode: TradingMode | undefined;
  onChoose: (mode: 'live' | 'paper') => void;
}

/** Which venue and mode the ticket sends to; a real venue switches between Live and Paper here. */
export function TicketHeader({ venue, mode, onChoose }: Props) {
  const { t } = useT('orderTicket');
  return (
    <header className="ticket-head">
      <h2>{venue?.name ?? t('title')}</h2>
      {mode ? <ModeBadge mode={mode} /> : <span className="muted">…</span>}
      {venue && venue.id !== 'demo' && (
        <div role="group" aria-label={t('tradingMode')} className="segmented mode-switch">
          {(['live', 'paper'] as const).map((choice) => (
            <button
              key={choice}
              type="button"
              aria-pressed={mode === choice}
              className={`segment mode-choice-${choice}`}
              onClick={() => onChoose(choice)}
            >
              {t(choice)}
            </button>
          ))}
        </div>
      )}
    </header>
  );
}
