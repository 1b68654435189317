// The pairing token the EA's InpToken needs, where the app listens, Copy, and New token (which asks first: the old
// token stops working for the next connection of every terminal).
import { useState } from 'react';
import { useModalDialog } from '../../hooks/use-modal-dialog';
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

  async function copy(token: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(token);
      setCopied('copied');
    } catch {
      // The browser may refuse the clipboard (no permission): the field is selectable by hand.
      setCopied('failed');
    }
  }

  if (!pairing) return <p className="muted" role="status">Reading the pairing token…</p>;
  return (
    <div className="mt5-pairing">
      <label htmlFor="mt5-token">Pairing token</label>
      <div className="mt5-token-row">
        <input id="mt5-token" className="mt5-token" readOnly value={pairing.token} spellCheck={false} onFocus={(event) => event.target.select()} />
        <button type="button" onClick={() => void copy(pairing.token)}>
          Copy
        </button>
        <button type="button" onClick={() => setConfirming(true)} disabled={renewing} aria-busy={renewing}>
          {renewing ? 'Making a new token…' : 'New token'}
        </button>
      </div>
      {copied && (
        <p className="hint" role="status">
          {copied === 'copied' ? 'Copied.' : 'The browser refused the clipboard: select the token and press Ctrl+C.'}
        </p>
      )}
      {renewError && (
        <p className="form-error" role="alert">
          Could not make a new token: {renewError}
        </p>
      )}
      <dl className="account-facts">
        <dt>Host</dt>
        <dd data-testid="mt5-host">{pairing.host}</dd>
        <dt>Port</dt>
        <dd data-testid="mt5-port">{pairing.port}</dd>
      </dl>
      <dialog ref={dialog} className="confirm-dialog" aria-label="Make a new pairing token?" onClose={() => setConfirming(false)}>
        {confirming && (
          <>
            <h2>Make a new pairing token?</h2>
            <p>Terminals connected now stay connected. The next connection with the old token is refused: type the new token into every EA&apos;s InpToken.</p>
            <div className="confirm-actions">
              <button type="button" autoFocus onClick={() => setConfirming(false)}>
                Keep this token
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
                Make a new token
              </button>
            </div>
          </>
        )}
      </dialog>
    </div>
  );
}
