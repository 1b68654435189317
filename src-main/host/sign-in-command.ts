// `npm run host -- --sign-in`: the device flow (RFC 8628) from the terminal, for a host on a server with no browser
// of its own. The address and the code are printed (and, for a person at a terminal, a QR code of the address); the
// host keeps running whatever the outcome: the app works without an account.
import qrcode from 'qrcode-generator';
import type { AuthService } from '../auth';
import type { LaunchOutput } from './launch-output';

function terminalQrCode(text: string): string {
  const qr = qrcode(0, 'L');
  qr.addData(text);
  qr.make();
  return qr.createASCII(1, 2);
}

/** Resolves to whether the host is signed in at the end. */
export async function signInFromTerminal(auth: AuthService, output: LaunchOutput): Promise<boolean> {
  if (!auth.configured) {
    output.warn('--sign-in: sign-in is not configured here: set TBS_AUTH_ISSUER, TBS_AUTH_CLIENT_ID and TBS_AUTH_AUDIENCE, or fill the Sign-in section of the Accounts screen (see docs/sign-in.md)');
    return false;
  }
  try {
    // The saved session, if any, is read first: signing in again would only replace it.
    await auth.restore();
    const current = auth.status();
    if (current.state === 'signed-in' && current.user) {
      output.log(`sign-in: already signed in as ${current.user.name} (${current.user.email})`);
      return true;
    }
    const { pending } = await auth.signInWithDevice();
    if (pending?.flow !== 'device') throw new Error('the provider started no device sign-in');
    output.log(`sign-in: on any phone or computer, open ${pending.verificationUri} and enter the code ${pending.userCode}`);
    if (output.isTTY && pending.verificationUriComplete) output.log(terminalQrCode(pending.verificationUriComplete));
    output.log(`sign-in: waiting for you to confirm there (the code expires at ${new Date(pending.expiresAt).toLocaleTimeString()})…`);
    const done = await auth.completion();
    output.log(`sign-in: signed in as ${done.user?.name ?? 'unknown'} (${done.user?.email ?? ''})`);
    return true;
  } catch (error) {
    output.warn(`sign-in failed: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}
