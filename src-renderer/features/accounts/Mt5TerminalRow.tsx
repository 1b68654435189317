// One MetaTrader 5 terminal: who it is (login, server, broker), whether it is connected and may trade, its money,
// and whether the MT5 venue trades through it.
import type { Mt5TerminalSummary } from '../../../src-shared';
import { formatMoney } from '../../format/numbers';
import { useT } from '../../i18n';
import { connectionText, leverageText, marginLevelText, marginModeWords } from './mt5-words';

interface Props {
  terminal: Mt5TerminalSummary;
  /** A "Use for trading" is in flight (for this terminal or another). */
  switching: string | undefined;
  /** Why "Use for trading" was refused for this terminal. */
  switchError: string | undefined;
  onUseForTrading: () => void;
}

export function Mt5TerminalRow({ terminal, switching, switchError, onUseForTrading }: Props) {
  const headingId = `mt5-terminal-${terminal.login}`;
  const money = (value: number) => formatMoney(value, terminal.currency);
  const figures = terminal.figures;
  const { t } = useT('accounts');
  const login = terminal.login;
  return (
    <li className="account-row mt5-terminal" aria-labelledby={headingId} data-connected={terminal.connected}>
      <div className="account-head">
        <h3 id={headingId}>{t('mt5.terminal.login', { login })}</h3>
        <span className="badge">{terminal.server}</span>
        <span className={`badge account-status ${terminal.connected ? 'status-connected' : 'status-offline'}`} aria-label={t('mt5.terminal.status')}>
          {connectionText(terminal)}
        </span>
        {terminal.trading ? (
          <span className="badge mt5-trading" title={t('mt5.terminal.tradingTitle')}>
            {t('mt5.terminal.trading')}
          </span>
        ) : (
          <button
            type="button"
            onClick={onUseForTrading}
            disabled={switching !== undefined || !terminal.connected}
            aria-busy={switching === terminal.login}
            aria-label={t('mt5.terminal.useLabel', { login })}
          >
            {switching === terminal.login ? t('mt5.terminal.switching') : t('mt5.terminal.use')}
          </button>
        )}
      </div>
      {switchError && (
        <p className="account-problem" role="alert">
          {t('mt5.terminal.couldNotUse', { login, error: switchError })}
        </p>
      )}
      {terminal.connected && !terminal.tradeAllowed && (
        <p className="account-problem" role="alert">
          {t('mt5.terminal.autoTradingOff')}
        </p>
      )}
      <dl className="account-facts">
        <dt>{t('mt5.terminal.broker')}</dt>
        <dd>{terminal.company}</dd>
        <dt>{t('mt5.terminal.name')}</dt>
        <dd>{terminal.name}</dd>
        <dt>{t('mt5.terminal.currency')}</dt>
        <dd>{terminal.currency}</dd>
        <dt>{t('mt5.terminal.leverage')}</dt>
        <dd>{leverageText(terminal.leverage)}</dd>
        <dt>{t('mt5.terminal.positions')}</dt>
        <dd>{marginModeWords(terminal.marginMode)}</dd>
        {figures && (
          <>
            <dt>{t('mt5.figures.balance')}</dt>
            <dd className="numeric">{money(figures.balance)}</dd>
            <dt>{t('mt5.figures.equity')}</dt>
            <dd className="numeric">{money(figures.equity)}</dd>
            <dt>{t('mt5.figures.margin')}</dt>
            <dd className="numeric">{money(figures.margin)}</dd>
            <dt>{t('mt5.figures.freeMargin')}</dt>
            <dd className="numeric">{money(figures.freeMargin)}</dd>
            <dt>{t('mt5.figures.marginLevel')}</dt>
            <dd className="numeric">{marginLevelText(figures.marginLevel, figures.margin)}</dd>
          </>
        )}
        <dt>{t('mt5.terminal.ea')}</dt>
        <dd>
          {t('mt5.terminal.eaVersion', { version: terminal.eaVersion, build: terminal.build })}
        </dd>
      </dl>
    </li>
  );
}
