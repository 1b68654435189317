// The MetaTrader 5 trading terminal's money as brokers state it — balance, equity, margin, free margin and margin
// level — above the balances of the MT5 venue, kept live by `mt5.bridge-changed`.
import { useEffect } from 'react';
import { api } from '../../api';
import { formatMoney } from '../../format/numbers';
import { useT } from '../../i18n';
import { useConnection } from '../../stores/connection';
import { followMt5, useMt5 } from './mt5-store';
import { marginLevelText } from './mt5-words';

export function Mt5Figures() {
  const trading = useMt5((s) => s.status?.terminals.find((terminal) => terminal.trading));
  const generation = useConnection((s) => s.generation);
  const { t } = useT('accounts');
  useEffect(() => followMt5(api), []);
  useEffect(() => {
    if (generation > 0) void useMt5.getState().loadStatus(api);
  }, [generation]);
  if (!trading?.figures) return null;
  const { balance, equity, margin, freeMargin, marginLevel } = trading.figures;
  const money = (value: number) => formatMoney(value, trading.currency);
  return (
    <dl className="account-facts mt5-figures" aria-label={t('mt5.figures.label', { login: trading.login })}>
      <dt>{t('mt5.figures.login')}</dt>
      <dd>
        {t(trading.connected ? 'mt5.figures.loginOn' : 'mt5.figures.loginOnDisconnected', { login: trading.login, server: trading.server })}
      </dd>
      <dt>{t('mt5.figures.balance')}</dt>
      <dd className="numeric">{money(balance)}</dd>
      <dt>{t('mt5.figures.equity')}</dt>
      <dd className="numeric">{money(equity)}</dd>
      <dt>{t('mt5.figures.margin')}</dt>
      <dd className="numeric">{money(margin)}</dd>
      <dt>{t('mt5.figures.freeMargin')}</dt>
      <dd className="numeric">{money(freeMargin)}</dd>
      <dt>{t('mt5.figures.marginLevel')}</dt>
      <dd className="numeric">{marginLevelText(marginLevel, margin)}</dd>
    </dl>
  );
}
