// The top bar's account control: nothing when sign-in is not configured; "Sign in" (and "Sign in with a code" where
// the browser may not be on the app's machine) when signed out; the name and "Sign out" when signed in. A waiting
// sign-in shows what finishes it: the browser tab, or the device code dialog with its QR code.
import { Trans } from 'react-i18next';
import type { AuthStatus } from '../../../src-shared';
import { api } from '../../api';
import { timeOfDay } from '../../format/time';
import { useT } from '../../i18n';
import { useModalDialog } from '../../hooks/use-modal-dialog';
import { QrCode } from './QrCode';
import { useSignIn } from './sign-in-store';
import { browserOnAppMachine } from './where-browser';

type DevicePending = Extract<NonNullable<AuthStatus['pending']>, { flow: 'device' }>;

function DeviceCodeDialog({ pending, onCancel }: { pending: DevicePending | undefined; onCancel: () => void }) {
  const dialog = useModalDialog(pending !== undefined);
  const target = pending?.verificationUriComplete ?? pending?.verificationUri;
  const { t } = useT(['signIn', 'common']);
  return (
    <dialog ref={dialog} className="device-code-dialog" aria-labelledby="device-code-title" onCancel={onCancel}>
      {pending && target && (
        <>
          <h2 id="device-code-title">{t('device.title')}</h2>
          <p>
            <Trans
              t={t}
              i18nKey="device.open"
              values={{ url: pending.verificationUri }}
              components={{ a: <a href={pending.verificationUri} target="_blank" rel="noopener noreferrer" /> }}
            />
          </p>
          <p className="user-code" aria-label={t('device.code')}>
            {pending.userCode}
          </p>
          <QrCode text={target} label={t('device.qr')} />
          <p className="hint">{t('device.waiting', { time: timeOfDay(pending.expiresAt) })}</p>
          <button type="button" onClick={onCancel}>
            {t('common:actions.cancel')}
          </button>
        </>
      )}
    </dialog>
  );
}

export function SignInControl() {
  const { status, busy, error, signIn, cancel, signOut } = useSignIn();
  const { t } = useT(['signIn', 'common']);
  if (!status?.configured) return null;
  const onAppMachine = browserOnAppMachine(window.location);
  const problem = error ?? status.problem;
  return (
    <div className="sign-in" aria-label={t('control.account')}>
      {status.state === 'signed-in' && status.user && (
        <>
          <span className="signed-in-as" title={status.user.email}>
            <Trans t={t} i18nKey="control.signedInAs" values={{ name: status.user.name }} components={{ b: <strong /> }} />
          </span>
          <button type="button" disabled={busy} onClick={() => void signOut(api)}>
            {t('control.signOut')}
          </button>
        </>
      )}
      {status.state === 'signed-out' && (
        <>
          {onAppMachine && (
            <button type="button" disabled={busy} onClick={() => void signIn(api, 'browser')}>
              {t('control.signIn')}
            </button>
          )}
          <button type="button" disabled={busy} onClick={() => void signIn(api, 'device')}>
            {onAppMachine ? t('control.signInWithCode') : t('control.signIn')}
          </button>
        </>
      )}
      {status.state === 'signing-in' && status.pending?.flow === 'browser' && (
        <span role="status">
          <Trans
            t={t}
            i18nKey="control.finishInBrowser"
            components={{ a: <a href={status.pending.url} target="_blank" rel="noopener noreferrer" /> }}
          />{' '}
          <button type="button" onClick={() => void cancel(api)}>
            {t('common:actions.cancel')}
          </button>
        </span>
      )}
      {problem && status.state !== 'signing-in' && (
        <span className="sign-in-problem" role="alert">
          {problem}
        </span>
      )}
      <DeviceCodeDialog pending={status.pending?.flow === 'device' ? status.pending : undefined} onCancel={() => void cancel(api)} />
    </div>
  );
}
