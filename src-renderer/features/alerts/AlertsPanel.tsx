// The Alerts tab: every rule with where it stands, and a form for a new alert on the market in view. Main owns the
// rules' status; the list is read again every few seconds while the tab is open, and at once when an alert fires.
import { useEffect } from 'react';
import type { Market, VenueId } from '../../../src-shared';
import { api } from '../../api';
import { useReadOnly, useWorkspace } from '../../stores/workspace';
import { AlertForm } from './AlertForm';
import { AlertRow } from './AlertRow';
import { formatNumber } from '../../format/numbers';
import { useT } from '../../i18n';
import { firedAt, firingText } from './alert-words';
import { useAlerts } from './alerts-store';

const REFRESH_MS = 3_000;

interface Props {
  venue: VenueId;
  market: Market | undefined;
}

export function AlertsPanel({ venue, market }: Props) {
  const venues = useWorkspace((state) => state.venues);
  // A viewer sees the rules and what fired; setting, editing, pausing and deleting them is the operator's.
  const readOnly = useReadOnly();
  const { t } = useT('alerts');
  const { rules, history, loaded, error, busy, load, create, update, setPaused, remove } = useAlerts();
  useEffect(() => {
    void load(api);
    const timer = setInterval(() => void load(api), REFRESH_MS);
    const stop = api.on('alert.triggered', () => void load(api));
    return () => {
      clearInterval(timer);
      stop();
    };
  }, [load]);
  const venueName = (id: VenueId): string => venues.find((each) => each.id === id)?.name ?? id;

  return (
    <div className="alerts-panel">
      <section className="alerts-list" aria-label={t('panel.rules')}>
        {error && (
          <p className="panel-error" role="alert">
            {error}
          </p>
        )}
        {!loaded ? (
          <p className="empty" role="status">
            {t('panel.loading')}
          </p>
        ) : rules.length === 0 ? (
          <p className="empty">
            {readOnly ? t('panel.noneSet') : t('panel.noneYet', { symbol: market?.symbol ?? t('panel.aMarket') })}
          </p>
        ) : (
          <table className="orders-table alerts-table">
            <thead>
              <tr>
                <th scope="col">{t('panel.market')}</th>
                <th scope="col">{t('panel.condition')}</th>
                <th scope="col">{t('panel.status')}</th>
                <th scope="col" className="numeric">
                  {t('panel.lastPrice')}
                </th>
                <th scope="col" className="numeric">
                  {t('panel.lastFired')}
                </th>
                <th scope="col">{t('panel.note')}</th>
                <th scope="col">
                  <span className="sr-only">{t('panel.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rules.map((rule) => (
                <AlertRow
                  key={rule.id}
                  rule={rule}
                  venueName={venueName(rule.venue)}
                  decimals={market && rule.venue === venue && rule.symbol === market.symbol ? market.pricePrecision : undefined}
                  busy={busy[rule.id]}
                  readOnly={readOnly}
                  onSave={(changed) =>
                    update(api, {
                      id: rule.id,
                      kind: changed.kind,
                      threshold: changed.threshold,
                      ...(changed.windowMinutes === undefined ? {} : { windowMinutes: changed.windowMinutes }),
                      note: changed.note ?? '',
                      ...(changed.referencePrice === undefined ? {} : { referencePrice: changed.referencePrice }),
                    })
                  }
                  onPause={(paused) => void setPaused(api, rule.id, paused)}
                  onDelete={() => void remove(api, rule.id)}
                />
              ))}
            </tbody>
          </table>
        )}
        {history.length > 0 && (
          <section className="alert-history" aria-label={t('panel.recent')}>
            <h3>{t('panel.recent')}</h3>
            <ol>
              {history.map((firing) => (
                <li key={firing.id}>
                  <span className="alert-history-time">{firedAt(firing.at)}</span> {firingText(firing)}{' '}
                  <span className="muted">
                    {t('panel.firedAt', { price: formatNumber(firing.price, 8), venue: venueName(firing.venue) })}
                  </span>
                </li>
              ))}
            </ol>
          </section>
        )}
      </section>
      {market && !readOnly && (
        <AlertForm
          key={`${venue}|${market.symbol}`}
          venue={venue}
          symbol={market.symbol}
          decimals={market.pricePrecision}
          quote={market.quote}
          onSubmit={(rule) => create(api, rule)}
        />
      )}
    </div>
  );
}
