// The deals of one account, newest first: what opened, added to and closed positions, with realized profit. The
// accounts are the MetaTrader 5 terminals the bridge knows (connected or not: history stays readable while it answers).
import { useEffect } from 'react';
import { api } from '../../api';
import { formatPrice } from '../../format/numbers';
import { useT } from '../../i18n';
import { useConnection } from '../../stores/connection';
import { useMt5 } from '../accounts/mt5-store';
import { HeaderRow, NumberCell, SideCell, TimeCell } from '../orders/cells';
import { MoneyCell } from './MoneyCell';
import { followDeals, useDeals } from './deals-store';
import { decimalsIn, entryWords } from './position-words';

/** Columns as catalogue keys (positions:columns.*). */
const COLUMNS = ['time', 'symbol', 'side', 'entry', 'volume', 'price', 'profit', 'commission', 'swap', 'position'] as const;
const NUMERIC: ReadonlySet<string> = new Set(['volume', 'price', 'profit', 'commission', 'swap']);

export function DealsHistory() {
  const terminals = useMt5((s) => s.status?.terminals);
  const { account, deals, loading, error } = useDeals();
  const generation = useConnection((s) => s.generation);
  const { t } = useT('positions');
  useEffect(() => {
    if (generation > 0) void useMt5.getState().loadStatus(api);
  }, [generation]);
  useEffect(() => followDeals(api), []);
  const logins = (terminals ?? []).map((terminal) => terminal.login);
  // The trading terminal's history first, by default.
  const preferred = terminals?.find((terminal) => terminal.trading)?.login ?? logins[0];
  const shown = account?.account ?? preferred;
  useEffect(() => {
    if (shown !== undefined && generation > 0) void useDeals.getState().show(api, { venue: 'mt5', account: shown });
  }, [shown, generation]);

  if (terminals && logins.length === 0) return <p className="empty">{t('deals.noTerminal')}</p>;
  return (
    <div className="deals-history">
      <label className="field">
        <span>{t('deals.account')}</span>
        <select aria-label={t('deals.ofAccount')} value={shown ?? ''} onChange={(e) => void useDeals.getState().show(api, { venue: 'mt5', account: e.target.value })}>
          {logins.map((login) => (
            <option key={login} value={login}>
              {login}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p className="panel-error" role="alert">
          {t('deals.couldNotRead', { error })}
        </p>
      )}
      {deals.length === 0 ? (
        <p className="empty" role={loading ? 'status' : undefined}>
          {loading ? t('deals.loading') : t('deals.empty')}
        </p>
      ) : (
        <table className="orders-table" aria-label={t('deals.table')}>
          <thead>
            <HeaderRow columns={COLUMNS.map((key) => t(`columns.${key}`))} numeric={new Set(COLUMNS.filter((key) => NUMERIC.has(key)).map((key) => t(`columns.${key}`)))} />
          </thead>
          <tbody>
            {deals.map((deal) => {
              const volumeDecimals = Math.max(2, decimalsIn(deal.volume));
              return (
                <tr key={deal.id} data-deal={deal.id} data-entry={deal.entry}>
                  <TimeCell ms={deal.time} />
                  <th scope="row">{deal.symbol}</th>
                  <SideCell side={deal.side} />
                  <td>{entryWords(deal.entry)}</td>
                  <NumberCell value={deal.volume} decimals={volumeDecimals} />
                  <td className="numeric">{formatPrice(deal.price, Math.max(2, decimalsIn(deal.price)))}</td>
                  <MoneyCell value={deal.profit} currency={deal.currency} signed />
                  <MoneyCell value={deal.commission} currency={deal.currency} />
                  <MoneyCell value={deal.swap} currency={deal.currency} />
                  <td>#{deal.positionId}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
