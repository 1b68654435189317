// The top bar's account control: nothing when sign-in is not configured; "Sign in" (and "Sign in with a code" where
// the browser may not be on the app's machine) when signed out; the name and "Sign out" when signed in. A waiting
// sign-in shows what finishes it: the browser tab, or the device code dialog with its QR code.
import type { AuthStatus } from '../../../src-shared';
import { api } from '../../api';
import { useModalDialog } from '../../hooks/use-modal-dialog';
import { QrCode } from './QrCode';
import { useSignIn } from './sign-in-store';
import { browserOnAppMachine } from './where-browser';

type DevicePending = Extract<NonNullable<AuthStatus['pending']>, { flow: 'device' }>;

function DeviceCodeDialog({ pending, onCancel }: { pending: DevicePending | undefined; onCancel: () => void }) {
  const dialog = useModalDialog(pending !== undefined);
  const target = pending?.verificationUriComplete ?? pending?.verificationUri;
  return (
    <dialog ref={dialog} className="device-code-dialog" aria-labelledby="device-code-title" onCancel={onCancel}>
      {pending && target && (
        <>
          <h2 id="device-code-title">Sign in on another device</h2>
          <p>
            Open{' '}
            <a href={pending.verificationUri} target="_blank" rel="noopener noreferrer">
              {pending.verificationUri}
            </a>{' '}
            on a phone or computer and enter this code:
          </p>
          <p className="user-code" aria-label="Code to enter">
            {pending.userCode}
          </p>
          <QrCode text={target} label="QR code of the sign-in page" />
          <p className="hint">Waiting for you to confirm there… The code expires at {new Date(pending.expiresAt).toLocaleTimeString()}.</p>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </>
      )}
    </dialog>
  );
}

export function SignInControl() {
  const { status, busy, error, signIn, cancel, signOut } = useSignIn();
  if (!status?.configured) return null;
  const onAppMachine = browserOnAppMachine(window.location);
  const problem = error ?? status.problem;
  return (
    <div className="sign-in" aria-label="Account">
      {status.state === 'signed-in' && status.user && (
        <>
          <span className="signed-in-as" title={status.user.email}>
            Signed in as <strong>{status.user.name}</strong>
          </span>
          <button type="button" disabled={busy} onClick={() => void signOut(api)}>
            Sign out
          </button>
        </>
      )}
      {status.state === 'signed-out' && (
        <>
          {onAppMachine && (
            <button type="button" disabled={busy} onClick={() => void signIn(api, 'browser')}>
              Sign in
            </button>
          )}
          <button type="button" disabled={busy} onClick={() => void signIn(api, 'device')}>
            {onAppMachine ? 'Sign in with a code' : 'Sign in'}
          </button>
        </>
      )}
      {status.state === 'signing-in' && status.pending?.flow === 'browser' && (
        <span role="status">
          Finish signing in in your browser (
          <a href={status.pending.url} target="_blank" rel="noopener noreferrer">
            open it again
          </a>
          ){' '}
          <button type="button" onClick={() => void cancel(api)}>
            Cancel
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
