// The MetaTrader 5 trading terminal's money as brokers state it — balance, equity, margin, free margin and margin
// level — above the balances of the MT5 venue, kept live by `mt5.bridge-changed`.
import { useEffect } from 'react';
import { api } from '../../api';
import { formatMoney } from '../../format/numbers';
import { useConnection } from '../../stores/connection';
import { followMt5, useMt5 } from './mt5-store';
import { marginLevelText } from './mt5-words';

export function Mt5Figures() {
  const trading = useMt5((s) => s.status?.terminals.find((t) => t.trading));
  const generation = useConnection((s) => s.generation);
  useEffect(() => followMt5(api), []);
  useEffect(() => {
    if (generation > 0) void useMt5.getState().loadStatus(api);
  }, [generation]);
  if (!trading?.figures) return null;
  const { balance, equity, margin, freeMargin, marginLevel } = trading.figures;
  const money = (value: number) => formatMoney(value, trading.currency);
  return (
    <dl className="account-facts mt5-figures" aria-label={`Login ${trading.login} account`}>
      <dt>Login</dt>
      <dd>
        {trading.login} on {trading.server}
        {trading.connected ? '' : ' (disconnected: figures as last reported)'}
      </dd>
      <dt>Balance</dt>
      <dd className="numeric">{money(balance)}</dd>
      <dt>Equity</dt>
      <dd className="numeric">{money(equity)}</dd>
      <dt>Margin</dt>
      <dd className="numeric">{money(margin)}</dd>
      <dt>Free margin</dt>
      <dd className="numeric">{money(freeMargin)}</dd>
      <dt>Margin level</dt>
      <dd className="numeric">{marginLevelText(marginLevel, margin)}</dd>
    </dl>
  );
}
