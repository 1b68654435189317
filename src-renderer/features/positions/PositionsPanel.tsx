// The Positions tab: every open position of every account that has positions (MetaTrader 5 terminals), with close,
// partial close and SL/TP per row, "Close all positions", and the deals history as a toggle.
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useT } from '../../i18n';
import { useConnection } from '../../stores/connection';
import { useReadOnly, useWorkspace } from '../../stores/workspace';
import { HeaderRow } from '../orders/cells';
import { CloseAllControl } from './CloseAllControl';
import { DealsHistory } from './DealsHistory';
import { NUMERIC_POSITION_COLUMNS, PositionRow, POSITION_COLUMNS } from './PositionRow';
import { failureWords, positionDecimals, positionKey } from './position-words';
import { attachPositionsFeed, usePositions } from './positions-store';

export function PositionsPanel() {
  const { positions, failed, loaded, error } = usePositions();
  const markets = useWorkspace((s) => s.markets);
  const readOnly = useReadOnly();
  const generation = useConnection((s) => s.generation);
  const [showDeals, setShowDeals] = useState(false);
  const { t } = useT('positions');
  const heading = (key: (typeof POSITION_COLUMNS)[number]) => (key === '' ? '' : t(`columns.${key}`));
  const columns = POSITION_COLUMNS.map(heading);
  const numeric = new Set(POSITION_COLUMNS.filter((key) => NUMERIC_POSITION_COLUMNS.has(key)).map(heading));
  useEffect(() => attachPositionsFeed(api), []);
  // Again after every reconnection: changes pushed meanwhile are lost.
  useEffect(() => {
    if (generation > 0) void usePositions.getState().load(api);
  }, [generation]);

  return (
    <div className="orders-panel positions-panel">
      <div className="panel-caption">
        <span>{t('panel.open')}</span>
        <button type="button" aria-pressed={showDeals} onClick={() => setShowDeals((v) => !v)}>
          {t('panel.dealsHistory')}
        </button>
        {!readOnly && <CloseAllControl positions={positions} markets={markets} />}
      </div>
      {error && (
        <p className="panel-error" role="alert">
          {t('panel.couldNotLoad', { error })}{' '}
          <button type="button" onClick={() => void usePositions.getState().load(api)}>
            {t('panel.tryAgain')}
          </button>
        </p>
      )}
      {failed.length > 0 && (
        <ul className="positions-failed" aria-label={t('panel.notAnswering')}>
          {failed.map((failure, i) => (
            <li key={`${failure.account}-${i}`} className="panel-error">
              {t('panel.notRead', { why: failureWords(failure) })}
            </li>
          ))}
        </ul>
      )}
      {!loaded ? (
        <p className="muted" role="status">
          {t('panel.loading')}
        </p>
      ) : positions.length === 0 ? (
        !error && <p className="empty">{t('panel.empty')}</p>
      ) : (
        <table className="orders-table positions-table" aria-label={t('panel.table')}>
          <thead>
            <HeaderRow columns={columns} numeric={numeric} />
          </thead>
          <tbody>
            {positions.map((position) => {
              const key = positionKey(position);
              return <PositionRow key={key} rowKey={key} position={position} decimals={positionDecimals(position, markets)} readOnly={readOnly} />;
            })}
          </tbody>
        </table>
      )}
      {showDeals && (
        <section aria-label={t('panel.dealsHistory')}>
          <DealsHistory />
        </section>
      )}
    </div>
  );
}
