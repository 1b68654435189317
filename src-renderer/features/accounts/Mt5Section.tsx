// "Connect MetaTrader 5" on the Accounts screen: the pairing token and the steps, then every terminal the bridge has
// seen (several at once: a demo and a live login, several brokers), kept live by `mt5.bridge-changed`, and the
// connections it refused.
import { useEffect } from 'react';
import { api } from '../../api';
import { useT } from '../../i18n';
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
  const { t } = useT('accounts');
  useEffect(() => followMt5(api), []);
  // Again after a reconnection: pushes sent meanwhile are lost.
  useEffect(() => {
    if (generation > 0) void useMt5.getState().load(api);
  }, [generation]);
  useEffect(() => () => useMt5.getState().forgetPairing(), []);

  return (
    <section className="accounts-list mt5-section" aria-labelledby="mt5-heading">
      <h2 id="mt5-heading">{t('mt5.heading')}</h2>
      <p className="hint">{t('mt5.intro')}</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {status && !status.listening && (
        <p className="form-error" role="alert">
          {t('mt5.notListening', { why: status.problem ?? t('mt5.bridgeStopped') })}
        </p>
      )}
      <Mt5Pairing pairing={pairing} renewing={renewing} renewError={renewError} onRenew={() => void useMt5.getState().renew(api)} />
      <Mt5Steps port={pairing?.port ?? status?.port} />
      <h3>{t('mt5.terminals')}</h3>
      {!status ? (
        <p className="muted" role="status">
          {t('mt5.loading')}
        </p>
      ) : status.terminals.length === 0 ? (
        <p className="empty">{t('mt5.noTerminal')}</p>
      ) : (
        <ul aria-label={t('mt5.list')}>
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
