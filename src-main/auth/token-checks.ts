// The JWT checks made here with jose rather than left to openid-client: openid-client trusts an ID token that came
// straight from the token endpoint over TLS without checking its signature, and never looks inside access tokens.
// The product wants both: the ID token's signature against the issuer's JWKS, and the access token's audience.
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { SignInError } from './errors';

export type KeySet = ReturnType<typeof createRemoteJWKSet>;

export function issuerKeys(jwksUri: string): KeySet {
  return createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: 10_000 });
}

interface Expectation {
  keys: KeySet;
  issuer: string;
  audience: string;
  /** The time the checks use (ms): the app's clock, not jose's own. */
  now: number;
}

function refusal(error: unknown, what: string): SignInError {
  if (error instanceof SignInError) return error;
  if (error instanceof joseErrors.JWTExpired) return new SignInError('id-token-expired', `the ${what} has expired: check this computer's clock, then sign in again`, error);
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return new SignInError('audience-mismatch', `the ${what} is meant for another application or API: check TBS_AUTH_CLIENT_ID and TBS_AUTH_AUDIENCE`, error);
    if (error.claim === 'iss') return new SignInError('issuer-mismatch', `the ${what} comes from another issuer than the configured one`, error);
  }
  return new SignInError('id-token-invalid', `the ${what} did not verify against the issuer's keys: sign in again`, error);
}

async function verify(token: string, expected: Expectation, what: string): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(token, expected.keys, {
      issuer: expected.issuer,
      audience: expected.audience,
      currentDate: new Date(expected.now),
      clockTolerance: 30,
      algorithms: ['RS256', 'ES256', 'PS256'],
    });
    return payload;
  } catch (error) {
    throw refusal(error, what);
  }
}

/** The ID token: signature, issuer, audience (the client id), expiry and, for the browser flow, the nonce. */
export async function verifyIdToken(token: string, expected: Expectation & { nonce?: string }): Promise<JWTPayload> {
  const payload = await verify(token, expected, 'ID token');
  if (expected.nonce !== undefined && payload.nonce !== expected.nonce) {
    throw new SignInError('nonce-mismatch', 'the ID token answers another sign-in request (nonce mismatch): sign in again');
  }
  return payload;
}

/** The access token is a JWT for the account server's API: its audience must be that API. */
export async function verifyAccessToken(token: string, expected: Expectation): Promise<JWTPayload> {
  return verify(token, expected, 'access token');
}
