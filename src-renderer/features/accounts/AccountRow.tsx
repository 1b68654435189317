import { useState } from 'react';
import type { AccountStatus, AccountSummary } from '../../../src-shared';

const STATUS_TEXT: Record<AccountStatus, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  offline: 'Offline — retrying',
  'needs-attention': 'Needs attention',
};

/** " (next try at 14:02:15)": the row is not re-rendered every second, so a clock time rather than a countdown. */
function retryText(retryAt: number | undefined): string {
  return retryAt === undefined ? '' : ` (next try at ${new Date(retryAt).toLocaleTimeString()})`;
}

interface Props {
  account: AccountSummary;
  venueName: string;
  busy: 'testing' | 'removing' | undefined;
  onTest: () => void;
  onRemove: () => void;
}

export function AccountRow({ account, venueName, busy, onTest, onRemove }: Props) {
  const [confirming, setConfirming] = useState(false);
  const headingId = `account-row-${account.id}`;
  return (
    <li className="account-row" aria-labelledby={headingId} data-status={account.status}>
      <div className="account-head">
        <h3 id={headingId}>{account.label}</h3>
        <span className="badge">{venueName}</span>
        {account.sandbox && <span className="badge badge-testnet">Testnet</span>}
        <span className={`badge account-status status-${account.status}`} aria-label="Status">
          {STATUS_TEXT[account.status]}
        </span>
      </div>
      {account.problem && (
        <p className="account-problem" role="alert">
          {account.status === 'offline' ? `${venueName} cannot be reached; it is retried by itself${retryText(account.retryAt)}. ` : ''}
          {account.problem.message}
        </p>
      )}
      <dl className="account-facts">
        <dt>API key</dt>
        <dd>{account.apiKeySet ? 'set' : 'missing'}</dd>
        <dt>Secret</dt>
        <dd>{account.secretSet ? 'set' : 'missing'}</dd>
        <dt>Passphrase</dt>
        <dd>{account.passwordSet ? 'set' : 'not set'}</dd>
        {account.restBaseUrl && (
          <>
            <dt>REST base URL</dt>
            <dd>{account.restBaseUrl}</dd>
          </>
        )}
        {account.wsBaseUrl && (
          <>
            <dt>WebSocket base URL</dt>
            <dd>{account.wsBaseUrl}</dd>
          </>
        )}
      </dl>
      <div className="account-actions">
        <button type="button" onClick={onTest} disabled={busy !== undefined} aria-label={`Test ${account.label}`}>
          {busy === 'testing' ? 'Testing…' : 'Test'}
        </button>
        {confirming ? (
          <span className="confirm" role="group" aria-label={`Confirm removing ${account.label}`}>
            <span>Remove {account.label}? Its keys are deleted from the keychain.</span>
            <button type="button" className="danger" onClick={onRemove} disabled={busy !== undefined}>
              {busy === 'removing' ? 'Removing…' : 'Remove account'}
            </button>
            <button type="button" onClick={() => setConfirming(false)} disabled={busy !== undefined}>
              Cancel
            </button>
          </span>
        ) : (
          <button type="button" onClick={() => setConfirming(true)} disabled={busy !== undefined} aria-label={`Remove ${account.label}`}>
            Remove
          </button>
        )}
      </div>
    </li>
  );
}
