// One MetaTrader 5 terminal: who it is (login, server, broker), whether it is connected and may trade, its money,
// and whether the MT5 venue trades through it.
import type { Mt5TerminalSummary } from '../../../src-shared';
import { formatMoney } from '../../format/numbers';
import { connectionText, leverageText, MARGIN_MODE_WORDS, marginLevelText } from './mt5-words';

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
  return (
    <li className="account-row mt5-terminal" aria-labelledby={headingId} data-connected={terminal.connected}>
      <div className="account-head">
        <h3 id={headingId}>Login {terminal.login}</h3>
        <span className="badge">{terminal.server}</span>
        <span className={`badge account-status ${terminal.connected ? 'status-connected' : 'status-offline'}`} aria-label="Status">
          {connectionText(terminal)}
        </span>
        {terminal.trading ? (
          <span className="badge mt5-trading" title="The ticket, the orders and the kill switch of MetaTrader 5 act on this terminal">
            Trading
          </span>
        ) : (
          <button
            type="button"
            onClick={onUseForTrading}
            disabled={switching !== undefined || !terminal.connected}
            aria-busy={switching === terminal.login}
            aria-label={`Use login ${terminal.login} for trading`}
          >
            {switching === terminal.login ? 'Switching…' : 'Use for trading'}
          </button>
        )}
      </div>
      {switchError && (
        <p className="account-problem" role="alert">
          Could not use login {terminal.login} for trading: {switchError}
        </p>
      )}
      {terminal.connected && !terminal.tradeAllowed && (
        <p className="account-problem" role="alert">
          AutoTrading is off: orders are refused. Press Algo Trading in the terminal&apos;s toolbar, and tick &quot;Allow
          algorithmic trading&quot; in the EA&apos;s properties.
        </p>
      )}
      <dl className="account-facts">
        <dt>Broker</dt>
        <dd>{terminal.company}</dd>
        <dt>Name</dt>
        <dd>{terminal.name}</dd>
        <dt>Currency</dt>
        <dd>{terminal.currency}</dd>
        <dt>Leverage</dt>
        <dd>{leverageText(terminal.leverage)}</dd>
        <dt>Positions</dt>
        <dd>{MARGIN_MODE_WORDS[terminal.marginMode]}</dd>
        {figures && (
          <>
            <dt>Balance</dt>
            <dd className="numeric">{money(figures.balance)}</dd>
            <dt>Equity</dt>
            <dd className="numeric">{money(figures.equity)}</dd>
            <dt>Margin</dt>
            <dd className="numeric">{money(figures.margin)}</dd>
            <dt>Free margin</dt>
            <dd className="numeric">{money(figures.freeMargin)}</dd>
            <dt>Margin level</dt>
            <dd className="numeric">{marginLevelText(figures.marginLevel, figures.margin)}</dd>
          </>
        )}
        <dt>EA</dt>
        <dd>
          {terminal.eaVersion} (terminal build {terminal.build})
        </dd>
      </dl>
    </li>
  );
}
