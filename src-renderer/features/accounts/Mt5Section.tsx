// "Connect MetaTrader 5" on the Accounts screen: the pairing token and the steps, then every terminal the bridge has
// seen (several at once: a demo and a live login, several brokers), kept live by `mt5.bridge-changed`, and the
// connections it refused.
import { useEffect } from 'react';
import { api } from '../../api';
import { useConnection } from '../../stores/connection';
import { Mt5Pairing } from './Mt5Pairing';
import { Mt5Refusals } from './Mt5Refusals';
import { Mt5Steps } from './Mt5Steps';
import { Mt5TerminalRow } from './Mt5TerminalRow';
import { followMt5, useMt5 } from './mt5-store';
import { sortTerminals } from './mt5-words';

export function Mt5Section() {
  const { status, pairing, error, renewing, renewError, switching, switchError } = useMt5();
  const generation = useConnection((state) => state.generation);
  useEffect(() => followMt5(api), []);
  // Again after a reconnection: pushes sent meanwhile are lost.
  useEffect(() => {
    if (generation > 0) void useMt5.getState().load(api);
  }, [generation]);
  useEffect(() => () => useMt5.getState().forgetPairing(), []);

  return (
    <section className="accounts-list mt5-section" aria-labelledby="mt5-heading">
      <h2 id="mt5-heading">Connect MetaTrader 5</h2>
      <p className="hint">
        The Expert Advisor TradingAppBridge connects from the terminal to this app on 127.0.0.1. The token lets only your
        terminals in.
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {status && !status.listening && (
        <p className="form-error" role="alert">
          Not listening for terminals: {status.problem ?? 'the bridge is stopped.'}
        </p>
      )}
      <Mt5Pairing pairing={pairing} renewing={renewing} renewError={renewError} onRenew={() => void useMt5.getState().renew(api)} />
      <Mt5Steps port={pairing?.port ?? status?.port} />
      <h3>Terminals</h3>
      {!status ? (
        <p className="muted" role="status">
          Loading terminals…
        </p>
      ) : status.terminals.length === 0 ? (
        <p className="empty">No terminal yet — attach the EA to a chart with the token above; it appears here when it connects.</p>
      ) : (
        <ul aria-label="MetaTrader 5 terminals">
          {sortTerminals(status.terminals).map((terminal) => (
            <Mt5TerminalRow
              key={terminal.login}
              terminal={terminal}
              switching={switching}
              switchError={switchError?.login === terminal.login ? switchError.message : undefined}
              onUseForTrading={() => void useMt5.getState().useForTrading(api, terminal.login)}
            />
          ))}
        </ul>
      )}
      {status && <Mt5Refusals refusals={status.refusals} />}
    </section>
  );
}
