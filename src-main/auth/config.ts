// Where the app signs in: the Auth0 domain (issuer), the Native application's client id (a public client: the app
// holds no secret) and the API audience its access tokens are for. From TBS_AUTH_* variables; with none set the app
// has no sign-in at all. Plain HTTP is allowed only for an issuer on this machine (the tests' provider): anywhere
// else the tokens would cross the network in clear text.
import { AppError } from '../../src-shared';

export interface AuthConfig {
  issuer: URL;
  clientId: string;
  /** The account server's API identifier: access tokens are JWTs for it. */
  audience: string;
  /** The issuer is http://127.0.0.1 or localhost: openid-client is told to allow plain HTTP for it. */
  loopbackHttp: boolean;
}

export const AUTH_ENV = { issuer: 'TBS_AUTH_ISSUER', clientId: 'TBS_AUTH_CLIENT_ID', audience: 'TBS_AUTH_AUDIENCE' } as const;

function isLoopbackHost(hostname: string): boolean {
  const bare = hostname.replace(/^\[(.*)\]$/, '$1');
  return bare === 'localhost' || bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare);
}

/** An Auth0 domain is written without a scheme (tenant.eu.auth0.com): https is meant. */
function issuerUrl(text: string): URL {
  const withScheme = /^[a-z]+:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new AppError('INVALID_REQUEST', `${AUTH_ENV.issuer} must be the Auth0 domain (e.g. tenant.eu.auth0.com), got "${text}"`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new AppError('INVALID_REQUEST', `${AUTH_ENV.issuer} must use https:// (plain http:// is allowed only for an issuer on 127.0.0.1)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AppError('INVALID_REQUEST', `${AUTH_ENV.issuer} must be an https:// address`);
  // Auth0's issuer identifier ends with a slash; discovery compares it exactly, so keep what was given otherwise.
  return url;
}

/**
 * The configuration from the environment: undefined when none of the variables is set (no sign-in); a half-set one
 * is refused, so a typo does not silently turn sign-in off.
 */
export function authConfigFromEnv(env: NodeJS.ProcessEnv): AuthConfig | undefined {
  const issuer = env[AUTH_ENV.issuer]?.trim();
  const clientId = env[AUTH_ENV.clientId]?.trim();
  const audience = env[AUTH_ENV.audience]?.trim();
  if (!issuer && !clientId && !audience) return undefined;
  const missing = Object.entries({ issuer, clientId, audience })
    .filter(([, value]) => !value)
    .map(([key]) => AUTH_ENV[key as keyof typeof AUTH_ENV]);
  if (missing.length > 0) throw new AppError('INVALID_REQUEST', `sign-in is half configured: set ${missing.join(' and ')} too, or none of the TBS_AUTH_* variables`);
  const url = issuerUrl(issuer!);
  return { issuer: url, clientId: clientId!, audience: audience!, loopbackHttp: url.protocol === 'http:' };
}
