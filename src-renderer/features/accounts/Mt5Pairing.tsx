// The pairing token the EA's InpToken needs, where the app listens, Copy, and New token (which asks first: the old
// token stops working for the next connection of every terminal).
import { useState } from 'react';
import { useModalDialog } from '../../hooks/use-modal-dialog';
import { useT } from '../../i18n';
import type { Mt5Pairing as Pairing } from './mt5-store';

interface Props {
  pairing: Pairing | undefined;
  renewing: boolean;
  renewError: string | undefined;
  onRenew: () => void;
}

type Copied = 'copied' | 'failed' | undefined;

export function Mt5Pairing({ pairing, renewing, renewError, onRenew }: Props) {
  const [copied, setCopied] = useState<Copied>();
  const [confirming, setConfirming] = useState(false);
  const dialog = useModalDialog(confirming);
  const { t } = useT('accounts');

  async function copy(token: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(token);
      setCopied('copied');
    } catch {
      // The browser may refuse the clipboard (no permission): the field is selectable by hand.
      setCopied('failed');
    }
  }

  if (!pairing) return <p className="muted" role="status">{t('mt5.pairing.reading')}</p>;
  return (
    <div className="mt5-pairing">
      <label htmlFor="mt5-token">{t('mt5.pairing.token')}</label>
      <div className="mt5-token-row">
        <input id="mt5-token" className="mt5-token" readOnly value={pairing.token} spellCheck={false} onFocus={(event) => event.target.select()} />
        <button type="button" onClick={() => void copy(pairing.token)}>
          {t('mt5.pairing.copy')}
        </button>
        <button type="button" onClick={() => setConfirming(true)} disabled={renewing} aria-busy={renewing}>
          {renewing ? t('mt5.pairing.making') : t('mt5.pairing.newToken')}
        </button>
      </div>
      {copied && (
        <p className="hint" role="status">
          {copied === 'copied' ? t('mt5.pairing.copied') : t('mt5.pairing.copyFailed')}
        </p>
      )}
      {renewError && (
        <p className="form-error" role="alert">
          {t('mt5.pairing.couldNotRenew', { error: renewError })}
        </p>
      )}
      <dl className="account-facts">
        <dt>{t('mt5.pairing.host')}</dt>
        <dd data-testid="mt5-host">{pairing.host}</dd>
        <dt>{t('mt5.pairing.port')}</dt>
        <dd data-testid="mt5-port">{pairing.port}</dd>
      </dl>
      <dialog ref={dialog} className="confirm-dialog" aria-label={t('mt5.pairing.confirmTitle')} onClose={() => setConfirming(false)}>
        {confirming && (
          <>
            <h2>{t('mt5.pairing.confirmTitle')}</h2>
            <p>{t('mt5.pairing.confirmText')}</p>
            <div className="confirm-actions">
              <button type="button" autoFocus onClick={() => setConfirming(false)}>
                {t('mt5.pairing.keep')}
              </button>
              <button
                type="button"
                className="danger"
                onClick={() => {
                  setConfirming(false);
                  setCopied(undefined);
                  onRenew();
                }}
              >
                {t('mt5.pairing.make')}
              </button>
            </div>
          </>
        )}
      </dialog>
    </div>
  );
}
