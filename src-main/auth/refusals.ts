// openid-client's errors, turned into the product's: each refusal the sign-in can meet gets its reason and words.
import * as oidc from 'openid-client';
import { SignInError } from './errors';

/** openid-client wraps oauth4webapi's error, whose message names the claim or parameter: read the whole chain. */
function chain(error: unknown): { messages: string; claim: string | undefined } {
  const messages: string[] = [];
  let claim: string | undefined;
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    messages.push(current.message);
    const cause = (current as { cause?: unknown }).cause;
    if (cause && typeof cause === 'object' && !(cause instanceof Error)) {
      const named = (cause as { claim?: unknown; attribute?: unknown }).claim ?? (cause as { attribute?: unknown }).attribute;
      if (typeof named === 'string') claim ??= named;
    }
    current = cause;
  }
  return { messages: messages.join(' | '), claim };
}

/** What went wrong in a grant (code exchange, device poll, refresh), as a SignInError. */
export function signInRefusal(error: unknown, grant: 'code' | 'device' | 'refresh'): SignInError {
  if (error instanceof SignInError) return error;
  if (error instanceof oidc.AuthorizationResponseError) {
    if (error.error === 'access_denied') return new SignInError('access-denied', 'the sign-in was declined at the provider', error);
    return new SignInError('failed', `the provider refused the sign-in: ${error.error_description ?? error.error}`, error);
  }
  if (error instanceof oidc.ResponseBodyError) {
    switch (error.error) {
      case 'access_denied':
        return new SignInError('access-denied', 'the sign-in was declined at the provider', error);
      case 'expired_token':
        return new SignInError('expired', 'the code expired before it was entered: start the sign-in again', error);
      case 'invalid_grant':
        return grant === 'refresh'
          ? new SignInError('refresh-rejected', 'your sign-in ended: the provider refused the saved session (revoked, or already used after rotation); sign in again', error)
          : new SignInError('code-rejected', 'the provider refused the sign-in code (already used, expired, or without its PKCE verifier): sign in again', error);
      default:
        return new SignInError('failed', `the provider refused the sign-in: ${error.error_description ?? error.error}`, error);
    }
  }
  if (error instanceof Error && 'code' in error) {
    const code = (error as { code?: string }).code;
    const { messages: message, claim } = chain(error);
    if (claim === 'state' || /"state"/.test(message)) return new SignInError('state-mismatch', 'the browser came back with another sign-in\'s answer (state mismatch): sign in again', error);
    if (claim === 'nonce' || /"nonce"/.test(message)) return new SignInError('nonce-mismatch', 'the ID token answers another sign-in request (nonce mismatch): sign in again', error);
    if (claim === 'iss' || /"iss"/.test(message)) return new SignInError('issuer-mismatch', 'the answer comes from another issuer than the configured one', error);
    if (claim === 'aud' || /"aud"/.test(message)) return new SignInError('audience-mismatch', 'the ID token is meant for another application: check TBS_AUTH_CLIENT_ID', error);
    if (code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED' || /"exp"/.test(message)) return new SignInError('id-token-expired', "the ID token has expired: check this computer's clock, then sign in again", error);
    if (code === 'OAUTH_PARSE_ERROR' || code === 'OAUTH_INVALID_RESPONSE' || code === 'OAUTH_RESPONSE_IS_NOT_CONFORM') {
      return new SignInError('id-token-invalid', 'the provider\'s answer did not verify: sign in again', error);
    }
  }
  if (error instanceof TypeError) return new SignInError('provider-unreachable', 'the sign-in provider could not be reached: check the network and try again', error);
  return new SignInError('failed', `the sign-in failed: ${error instanceof Error ? error.message : String(error)}`, error);
}
