// Checks the Auth0 access token each request carries: signature against the issuer's published keys (JWKS, found
// through the issuer's discovery document and cached by jose), issuer, audience and expiry. The token's subject is
// the user the request acts for.
import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';

export type AccessRefusal = 'missing' | 'malformed' | 'expired' | 'wrong-audience' | 'wrong-issuer' | 'bad-signature' | 'issuer-unreachable';

export class AccessTokenError extends Error {
  constructor(readonly reason: AccessRefusal, message: string) {
    super(message);
    this.name = 'AccessTokenError';
  }
}

export interface AccessTokenVerifier {
  /** The subject (Auth0 user id) of a valid token in an `Authorization: Bearer` header; throws AccessTokenError. */
  subjectOf(authorization: string | undefined): Promise<string>;
}

const MAX_TOKEN_CHARS = 8 * 1024;
const DISCOVERY_TIMEOUT_MS = 5_000;

export function createAccessTokenVerifier(options: { issuer: string; audience: string; now?: () => number }): AccessTokenVerifier {
  const now = options.now ?? Date.now;
  let keys: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;

  /** Auth0 publishes its keys at the `jwks_uri` of its discovery document; read once, retried after a failure. */
  async function discoverKeys(): Promise<ReturnType<typeof createRemoteJWKSet>> {
    const url = `${options.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    const response = await fetch(url, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    const document = (await response.json()) as { jwks_uri?: unknown };
    if (typeof document.jwks_uri !== 'string') throw new Error(`${url} names no jwks_uri`);
    return createRemoteJWKSet(new URL(document.jwks_uri), { timeoutDuration: DISCOVERY_TIMEOUT_MS });
  }

  function keySet(): Promise<ReturnType<typeof createRemoteJWKSet>> {
    keys ??= discoverKeys().catch((error: unknown) => {
      keys = undefined;
      throw new AccessTokenError('issuer-unreachable', `the sign-in provider's keys could not be read (${(error as Error).message}): try again shortly`);
    });
    return keys;
  }

  return {
    async subjectOf(authorization) {
      const match = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(authorization ?? '');
      if (!authorization) throw new AccessTokenError('missing', 'sign in first: this request carries no access token');
      if (!match || authorization.length > MAX_TOKEN_CHARS) throw new AccessTokenError('malformed', 'the Authorization header is not a bearer JWT');
      try {
        const { payload } = await jwtVerify(match[1]!, await keySet(), {
          issuer: options.issuer,
          audience: options.audience,
          currentDate: new Date(now()),
          clockTolerance: 30,
          algorithms: ['RS256', 'ES256', 'PS256'],
          requiredClaims: ['sub', 'exp'],
        });
        return payload.sub!;
      } catch (error) {
        throw refusal(error);
      }
    },
  };
}

function refusal(error: unknown): AccessTokenError {
  if (error instanceof AccessTokenError) return error;
  if (error instanceof joseErrors.JWTExpired) return new AccessTokenError('expired', 'the access token has expired: sign in again');
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return new AccessTokenError('wrong-audience', 'the access token is meant for another API');
    if (error.claim === 'iss') return new AccessTokenError('wrong-issuer', 'the access token comes from another sign-in provider');
    return new AccessTokenError('malformed', `the access token's ${error.claim} claim is not acceptable`);
  }
  if (error instanceof joseErrors.JWKSNoMatchingKey || error instanceof joseErrors.JWSSignatureVerificationFailed) {
    return new AccessTokenError('bad-signature', "the access token is not signed by the sign-in provider's keys");
  }
  return new AccessTokenError('malformed', 'the access token could not be read');
}
