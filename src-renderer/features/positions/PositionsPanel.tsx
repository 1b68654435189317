// The Positions tab: every open position of every account that has positions (MetaTrader 5 terminals), with close,
// partial close and SL/TP per row, "Close all positions", and the deals history as a toggle.
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useConnection } from '../../stores/connection';
import { useReadOnly, useWorkspace } from '../../stores/workspace';
import { HeaderRow } from '../orders/cells';
import { CloseAllControl } from './CloseAllControl';
import { DealsHistory } from './DealsHistory';
import { PositionRow, POSITION_COLUMNS } from './PositionRow';
import { failureWords, positionDecimals, positionKey } from './position-words';
import { attachPositionsFeed, usePositions } from './positions-store';

const NUMERIC = new Set<string>(['Volume', 'Open price', 'Price', 'SL', 'TP', 'Swap', 'Profit']);

export function PositionsPanel() {
  const { positions, failed, loaded, error } = usePositions();
  const markets = useWorkspace((s) => s.markets);
  const readOnly = useReadOnly();
  const generation = useConnection((s) => s.generation);
  const [showDeals, setShowDeals] = useState(false);
  useEffect(() => attachPositionsFeed(api), []);
  // Again after every reconnection: changes pushed meanwhile are lost.
  useEffect(() => {
    if (generation > 0) void usePositions.getState().load(api);
  }, [generation]);

  return (
    <div className="orders-panel positions-panel">
      <div className="panel-caption">
        <span>Open positions</span>
        <button type="button" aria-pressed={showDeals} onClick={() => setShowDeals((v) => !v)}>
          Deals history
        </button>
        {!readOnly && <CloseAllControl positions={positions} markets={markets} />}
      </div>
      {error && (
        <p className="panel-error" role="alert">
          Could not load the positions: {error}{' '}
          <button type="button" onClick={() => void usePositions.getState().load(api)}>
            Try again
          </button>
        </p>
      )}
      {failed.length > 0 && (
        <ul className="positions-failed" aria-label="Accounts not answering">
          {failed.map((failure, i) => (
            <li key={`${failure.account}-${i}`} className="panel-error">
              Positions not read — {failureWords(failure)}
            </li>
          ))}
        </ul>
      )}
      {!loaded ? (
        <p className="muted" role="status">
          Loading positions…
        </p>
      ) : positions.length === 0 ? (
        !error && <p className="empty">No open positions — MetaTrader 5 positions appear here once a terminal is connected.</p>
      ) : (
        <table className="orders-table positions-table" aria-label="Positions">
          <thead>
            <HeaderRow columns={POSITION_COLUMNS} numeric={NUMERIC} />
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
        <section aria-label="Deals history">
          <DealsHistory />
        </section>
      )}
    </div>
  );
}
