import { useState } from 'react';
import type { AccountSummary } from '../../../src-shared';
import { timeOfDay } from '../../format/time';
import { useT } from '../../i18n';

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
  const { t } = useT(['accounts', 'common']);
  const label = account.label;
  return (
    <li className="account-row" aria-labelledby={headingId} data-status={account.status}>
      <div className="account-head">
        <h3 id={headingId}>{account.label}</h3>
        <span className="badge">{venueName}</span>
        {account.sandbox && <span className="badge badge-testnet">{t('row.testnet')}</span>}
        <span className={`badge account-status status-${account.status}`} aria-label={t('row.status')}>
          {t(`status.${account.status}`)}
        </span>
      </div>
      {account.problem && (
        <p className="account-problem" role="alert">
          {/* The row is not re-rendered every second, so a clock time rather than a countdown. */}
          {account.status === 'offline'
            ? account.retryAt === undefined
              ? t('row.unreachable', { venue: venueName })
              : t('row.unreachableRetry', { venue: venueName, time: timeOfDay(account.retryAt) })
            : ''}
          {account.problem.message}
        </p>
      )}
      <dl className="account-facts">
        <dt>{t('row.apiKey')}</dt>
        <dd>{account.apiKeySet ? t('row.set') : t('row.missing')}</dd>
        <dt>{t('row.secret')}</dt>
        <dd>{account.secretSet ? t('row.set') : t('row.missing')}</dd>
        <dt>{t('row.passphrase')}</dt>
        <dd>{account.passwordSet ? t('row.set') : t('row.notSet')}</dd>
        {account.restBaseUrl && (
          <>
            <dt>{t('row.restBaseUrl')}</dt>
            <dd>{account.restBaseUrl}</dd>
          </>
        )}
        {account.wsBaseUrl && (
          <>
            <dt>{t('row.wsBaseUrl')}</dt>
            <dd>{account.wsBaseUrl}</dd>
          </>
        )}
      </dl>
      <div className="account-actions">
        <button type="button" onClick={onTest} disabled={busy !== undefined} aria-label={t('row.testLabel', { label })}>
          {busy === 'testing' ? t('row.testing') : t('row.test')}
        </button>
        {confirming ? (
          <span className="confirm" role="group" aria-label={t('row.confirmLabel', { label })}>
            <span>{t('row.confirm', { label })}</span>
            <button type="button" className="danger" onClick={onRemove} disabled={busy !== undefined}>
              {busy === 'removing' ? t('row.removing') : t('row.removeAccount')}
            </button>
            <button type="button" onClick={() => setConfirming(false)} disabled={busy !== undefined}>
              {t('common:actions.cancel')}
            </button>
          </span>
        ) : (
          <button type="button" onClick={() => setConfirming(true)} disabled={busy !== undefined} aria-label={t('row.removeLabel', { label })}>
            {t('row.remove')}
          </button>
        )}
      </div>
    </li>
  );
}
