// The deals of one account, newest first: what opened, added to and closed positions, with realized profit. The
// accounts are the MetaTrader 5 terminals the bridge knows (connected or not: history stays readable while it answers).
import { useEffect } from 'react';
import { api } from '../../api';
import { formatPrice } from '../../format/numbers';
import { useConnection } from '../../stores/connection';
import { useMt5 } from '../accounts/mt5-store';
import { HeaderRow, NumberCell, SideCell, TimeCell } from '../orders/cells';
import { MoneyCell } from './MoneyCell';
import { followDeals, useDeals } from './deals-store';
import { decimalsIn, ENTRY_WORDS } from './position-words';

const COLUMNS = ['Time', 'Symbol', 'Side', 'Entry', 'Volume', 'Price', 'Profit', 'Commission', 'Swap', 'Position'] as const;
const NUMERIC = new Set<string>(['Volume', 'Price', 'Profit', 'Commission', 'Swap']);

export function DealsHistory() {
  const terminals = useMt5((s) => s.status?.terminals);
  const { account, deals, loading, error } = useDeals();
  const generation = useConnection((s) => s.generation);
  useEffect(() => {
    if (generation > 0) void useMt5.getState().loadStatus(api);
  }, [generation]);
  useEffect(() => followDeals(api), []);
  const logins = (terminals ?? []).map((t) => t.login);
  // The trading terminal's history first, by default.
  const preferred = terminals?.find((t) => t.trading)?.login ?? logins[0];
  const shown = account?.account ?? preferred;
  useEffect(() => {
    if (shown !== undefined && generation > 0) void useDeals.getState().show(api, { venue: 'mt5', account: shown });
  }, [shown, generation]);

  if (terminals && logins.length === 0) return <p className="empty">No MetaTrader 5 terminal yet — its deals appear here once one is connected.</p>;
  return (
    <div className="deals-history">
      <label className="field">
        <span>Account</span>
        <select aria-label="Deals of account" value={shown ?? ''} onChange={(e) => void useDeals.getState().show(api, { venue: 'mt5', account: e.target.value })}>
          {logins.map((login) => (
            <option key={login} value={login}>
              {login}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p className="panel-error" role="alert">
          Could not read the deals: {error}
        </p>
      )}
      {deals.length === 0 ? (
        <p className="empty" role={loading ? 'status' : undefined}>
          {loading ? 'Loading deals…' : 'No deals in this account’s history.'}
        </p>
      ) : (
        <table className="orders-table" aria-label="Deals">
          <thead>
            <HeaderRow columns={COLUMNS} numeric={NUMERIC} />
          </thead>
          <tbody>
            {deals.map((deal) => {
              const volumeDecimals = Math.max(2, decimalsIn(deal.volume));
              return (
                <tr key={deal.id} data-deal={deal.id} data-entry={deal.entry}>
                  <TimeCell ms={deal.time} />
                  <th scope="row">{deal.symbol}</th>
                  <SideCell side={deal.side} />
                  <td>{ENTRY_WORDS[deal.entry]}</td>
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
