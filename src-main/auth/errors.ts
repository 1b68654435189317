// Every way a sign-in is refused, as one typed error: the code crosses to the renderer (SIGN_IN_FAILED), the reason
// lets tests and the CLI tell the cases apart. Nothing is stored when one is thrown.
import { AppError } from '../../src-shared';

export type SignInRefusal =
  | 'state-mismatch'
  | 'nonce-mismatch'
  | 'issuer-mismatch'
  | 'audience-mismatch'
  | 'id-token-invalid'
  | 'id-token-expired'
  | 'code-rejected'
  | 'refresh-rejected'
  | 'access-denied'
  | 'expired'
  | 'ports-busy'
  | 'cancelled'
  | 'provider-unreachable'
  | 'not-configured'
  | 'failed';

export class SignInError extends AppError {
  constructor(
    override readonly reason: SignInRefusal,
    message: string,
    cause?: unknown,
  ) {
    super(reason === 'not-configured' ? 'NOT_FOUND' : 'SIGN_IN_FAILED', message, reason === 'provider-unreachable', cause === undefined ? {} : { cause });
    this.name = 'SignInError';
  }
}
