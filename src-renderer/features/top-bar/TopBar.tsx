import type { Market, Preferences, VenueSummary } from '../../../src-shared';
import { systemLanguage, useT } from '../../i18n';
import { useReadOnly } from '../../stores/workspace';
import { useTradingMode } from '../order-ticket/trading-mode';
import { PlanMenu } from '../plan/PlanMenu';
import { KillSwitchControl } from '../risk/KillSwitchControl';
import { UnlockKeysButton } from '../secrets/SecretsNotice';
import { SignInControl } from '../sign-in/SignInControl';
import { ConnectionBadge } from './ConnectionBadge';
import { DisplayMenu } from './DisplayMenu';
import { LastPrice } from './LastPrice';
import { ReadOnlyBadge } from './ReadOnlyBadge';
import { VenueConnectivity } from './VenueConnectivity';

interface Props {
  venues: VenueSummary[];
  markets: Market[];
  preferences: Preferences;
  market: Market | undefined;
  onChoose: (change: Partial<Preferences>) => void;
  onOpenAccounts: () => void;
  onOpenNotifications?: () => void;
  onOpenRisk?: () => void;
}

export function TopBar({ venues, markets, preferences, market, onChoose, onOpenAccounts, onOpenNotifications, onOpenRisk }: Props) {
  const venue = venues.find((v) => v.id === preferences.venue);
  const mode = useTradingMode((state) => state.modes[preferences.venue]);
  // A viewer gets no settings screens: every one of them changes something or shows which keys are set.
  const readOnly = useReadOnly();
  const { t } = useT('topBar');
  return (
    <header className="top-bar">
      <span className="brand">{t('brand')}</span>
      <label className="field">
        <span className="sr-only">{t('venue')}</span>
        <select
          aria-label={t('venue')}
          value={preferences.venue}
          onChange={(event) => onChoose({ venue: event.target.value as Preferences['venue'] })}
        >
          {venues.map((v) => (
            <option key={v.id} value={v.id} disabled={!v.available && !v.pending}>
              {v.name}
              {v.available ? '' : v.pending ? t(v.pending === 'connecting' ? 'venueConnecting' : 'venueOffline') : t('venueNotConnected')}
            </option>
          ))}
        </select>
      </label>
      {/* The mode the ticket trades in (Paper on a live venue shows PAPER here too), else the venue's own. */}
      {venue && <span className={`badge mode mode-${mode ?? venue.mode}`} title={t('modeTrading', { mode: mode ?? venue.mode })}>{(mode ?? venue.mode).toUpperCase()}</span>}
      <label className="field">
        <span className="sr-only">{t('symbol')}</span>
        <select aria-label={t('symbol')} value={preferences.symbol} onChange={(event) => onChoose({ symbol: event.target.value })}>
          {markets.map((m) => (
            <option key={m.symbol} value={m.symbol}>
              {m.symbol}
            </option>
          ))}
        </select>
      </label>
      {market && <LastPrice venue={preferences.venue} market={market} />}
      <span className="spacer" />
      {readOnly && <ReadOnlyBadge />}
      {!readOnly && <UnlockKeysButton />}
      {!readOnly && <SignInControl />}
      {!readOnly && <PlanMenu />}
      {!readOnly && (
        <button type="button" onClick={onOpenAccounts}>
          {t('accounts')}
        </button>
      )}
      {!readOnly && onOpenNotifications && (
        <button type="button" onClick={onOpenNotifications}>
          {t('notifications')}
        </button>
      )}
      {!readOnly && onOpenRisk && (
        <button type="button" onClick={onOpenRisk}>
          {t('risk')}
        </button>
      )}
      <DisplayMenu theme={preferences.theme} palette={preferences.palette} timeZone={preferences.timeZone}
        language={preferences.language ?? systemLanguage()}
        onChoose={onChoose} />
      <VenueConnectivity />
      <ConnectionBadge />
      <KillSwitchControl readOnly={readOnly} />
    </header>
  );
}
