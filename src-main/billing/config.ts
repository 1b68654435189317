// Where the app gets its plan: the account server's address and the public key its entitlement tokens are signed
// with (the server shows it at GET /entitlement-key). Configured beside the sign-in, from the environment. Without
// them the app has no plans: everything is available and nothing asks to sign in for a plan.
import { readFileSync } from 'node:fs';
import { AppError } from '../../src-shared';

export interface BillingConfig {
  /** The account server's public address; also the `iss` of its entitlement tokens. */
  serverUrl: URL;
  /** The entitlement tokens' public key, SPKI PEM. */
  publicKeyPem: string;
}

export const BILLING_ENV = { serverUrl: 'TBS_ACCOUNT_SERVER_URL', publicKey: 'TBS_ENTITLEMENT_PUBLIC_KEY' } as const;

const MAX_KEY_CHARS = 4096;

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** The PEM itself, or the path of a file holding it. */
function publicKeyFrom(value: string, readFile: (path: string) => string): string {
  const pem = value.includes('-----BEGIN') ? value : readFile(value);
  if (pem.length > MAX_KEY_CHARS || !/-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----/.test(pem)) {
    throw new AppError('INVALID_REQUEST', `${BILLING_ENV.publicKey} must be the account server's public key (PEM, "BEGIN PUBLIC KEY"), or a file holding it`);
  }
  return pem.replace(/\\n/g, '\n');
}

/** Both variables or neither; a half-set pair is refused naming the missing one. */
export function billingConfigFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): BillingConfig | undefined {
  const url = env[BILLING_ENV.serverUrl]?.trim();
  const key = env[BILLING_ENV.publicKey]?.trim();
  if (!url && !key) return undefined;
  if (!url || !key) {
    const missing = url ? BILLING_ENV.publicKey : BILLING_ENV.serverUrl;
    throw new AppError('INVALID_REQUEST', `${missing} is not set: an account server needs both ${BILLING_ENV.serverUrl} and ${BILLING_ENV.publicKey}`);
  }
  let serverUrl: URL;
  try {
    serverUrl = new URL(url);
  } catch {
    throw new AppError('INVALID_REQUEST', `${BILLING_ENV.serverUrl} must be the account server's address (https://…)`);
  }
  if (serverUrl.protocol !== 'https:' && !(serverUrl.protocol === 'http:' && isLoopback(serverUrl.hostname))) {
    throw new AppError('INVALID_REQUEST', `${BILLING_ENV.serverUrl} must use https:// (plain http:// only on 127.0.0.1): the access token travels to it`);
  }
  let pem: string;
  try {
    pem = publicKeyFrom(key, readFile);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('INVALID_REQUEST', `${BILLING_ENV.publicKey}: the file cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return { serverUrl, publicKeyPem: pem };
}

/** The issuer the account server writes in its tokens: its public address without a trailing slash. */
export const issuerOf = (config: BillingConfig): string => config.serverUrl.href.replace(/\/+$/, '');
