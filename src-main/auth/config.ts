// Where the app signs in: the Auth0 domain (issuer), the Native application's client id (a public client: the app
// holds no secret) and the API audience its access tokens are for. From TBS_AUTH_* variables or the settings screen
// (sign-in-settings.ts); with neither the app has no sign-in at all. Both go through `authConfigFrom`, so the rules
// are one: all three or none, and plain HTTP only for an issuer on this machine (the tests' provider): anywhere else
// the tokens would cross the network in clear text.
import { AppError } from '../../src-shared';

export interface AuthConfig {
  issuer: URL;
  clientId: string;
  /** The account server's API identifier: access tokens are JWTs for it. */
  audience: string;
  /** The issuer is http://127.0.0.1 or localhost: openid-client is told to allow plain HTTP for it. */
  loopbackHttp: boolean;
}

/** The three values as typed (a variable or a field); empty or absent means not given. */
export interface AuthConfigText {
  issuer?: string | undefined;
  clientId?: string | undefined;
  audience?: string | undefined;
}

/** What each value is called where it comes from, for the error messages. */
export type AuthConfigNames = Record<keyof AuthConfigText, string>;

export const AUTH_ENV = { issuer: 'TBS_AUTH_ISSUER', clientId: 'TBS_AUTH_CLIENT_ID', audience: 'TBS_AUTH_AUDIENCE' } as const satisfies AuthConfigNames;

function isLoopbackHost(hostname: string): boolean {
  const bare = hostname.replace(/^\[(.*)\]$/, '$1');
  return bare === 'localhost' || bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare);
}

/** An Auth0 domain is written without a scheme (tenant.eu.auth0.com): https is meant. */
function issuerUrl(text: string, name: string): URL {
  const withScheme = /^[a-z]+:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new AppError('INVALID_REQUEST', `${name} must be the Auth0 domain (e.g. tenant.eu.auth0.com), got "${text}"`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new AppError('INVALID_REQUEST', `${name} must use https:// (plain http:// is allowed only for an issuer on 127.0.0.1)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AppError('INVALID_REQUEST', `${name} must be an https:// address`);
  // Auth0's issuer identifier ends with a slash; discovery compares it exactly, so keep what was given otherwise.
  return url;
}

/**
 * The configuration from three typed values: undefined when none is given (no sign-in); a half-given one is refused
 * naming what is missing, so a typo does not silently turn sign-in off.
 */
export function authConfigFrom(text: AuthConfigText, names: AuthConfigNames): AuthConfig | undefined {
  const issuer = text.issuer?.trim();
  const clientId = text.clientId?.trim();
  const audience = text.audience?.trim();
  if (!issuer && !clientId && !audience) return undefined;
  const missing = Object.entries({ issuer, clientId, audience })
    .filter(([, value]) => !value)
    .map(([key]) => names[key as keyof AuthConfigNames]);
  if (missing.length > 0) throw new AppError('INVALID_REQUEST', `sign-in is half configured: set ${missing.join(' and ')} too, or none of them`);
  const url = issuerUrl(issuer!, names.issuer);
  return { issuer: url, clientId: clientId!, audience: audience!, loopbackHttp: url.protocol === 'http:' };
}

/** The configuration of the TBS_AUTH_* variables (see authConfigFrom). */
export function authConfigFromEnv(env: NodeJS.ProcessEnv): AuthConfig | undefined {
  return authConfigFrom({ issuer: env[AUTH_ENV.issuer], clientId: env[AUTH_ENV.clientId], audience: env[AUTH_ENV.audience] }, AUTH_ENV);
}

/** Whether any TBS_AUTH_* variable is set: then the environment decides, and the settings screen only shows it. */
export function authEnvSet(env: NodeJS.ProcessEnv): boolean {
  return Object.values(AUTH_ENV).some((name) => Boolean(env[name]?.trim()));
}

export function sameAuthConfig(a: AuthConfig | undefined, b: AuthConfig | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.issuer.href === b.issuer.href && a.clientId === b.clientId && a.audience === b.audience;
}
