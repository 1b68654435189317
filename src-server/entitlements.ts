// Entitlement tokens: the plan a user has, signed with the server's EC P-256 key (ES256) so that the app can check it
// offline with the public key and keep the plan through an outage of this server.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { calculateJwkThumbprint, exportJWK, exportSPKI, importPKCS8, SignJWT } from 'jose';
import {
  ENTITLEMENT_AUDIENCE,
  ENTITLEMENT_TTL_S,
  PLAN_FEATURES,
  planForStatus,
  type EntitlementClaims,
  type EntitlementKeyResponse,
} from '../src-shared/billing';
import type { StoredSubscription } from './repository';

/** Which subscription decides the plan when a customer has several: the one that grants the most, then the latest. */
function deciding(subscriptions: readonly StoredSubscription[]): StoredSubscription | undefined {
  const rank = (s: StoredSubscription) => (planForStatus(s.status) === 'pro' ? 1 : 0);
  return [...subscriptions].sort((a, b) => rank(b) - rank(a) || (b.periodEnd ?? 0) - (a.periodEnd ?? 0))[0];
}

export function entitlementOf(subscriptions: readonly StoredSubscription[]): EntitlementClaims {
  const subscription = deciding(subscriptions);
  if (!subscription) return { plan: 'free', status: 'none', periodEnd: null, cancelAtPeriodEnd: false, features: [] };
  const plan = planForStatus(subscription.status);
  return {
    plan,
    status: subscription.status,
    periodEnd: subscription.periodEnd,
    cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
    features: [...PLAN_FEATURES[plan]],
  };
}

export class SigningKeyError extends Error {
  constructor(file: string, problem: string) {
    super(`ENTITLEMENT_SIGNING_KEY_FILE ${file}: ${problem} (make one with: openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out entitlement-key.pem)`);
    this.name = 'SigningKeyError';
  }
}

export class EntitlementSigner {
  private constructor(
    private readonly privateKey: CryptoKey | KeyObject,
    readonly publicKey: EntitlementKeyResponse,
    private readonly issuer: string,
  ) {}

  static async fromPem(pem: string, issuer: string): Promise<EntitlementSigner> {
    const privateKey = await importPKCS8(pem, 'ES256', { extractable: true });
    const publicKeyObject = createPublicKey(pem);
    const jwk = await exportJWK(publicKeyObject);
    const kid = await calculateJwkThumbprint(jwk);
    const publicJwk = { ...jwk, kid, alg: 'ES256', use: 'sig' } as EntitlementKeyResponse['jwk'];
    return new EntitlementSigner(privateKey, { kid, jwk: publicJwk, pem: await exportSPKI(publicKeyObject) }, issuer);
  }

  static async fromFile(file: string, issuer: string): Promise<EntitlementSigner> {
    let pem: string;
    try {
      pem = readFileSync(file, 'utf8');
    } catch (error) {
      throw new SigningKeyError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    try {
      return await EntitlementSigner.fromPem(pem, issuer);
    } catch {
      throw new SigningKeyError(file, 'is not an EC P-256 private key in PKCS #8 PEM');
    }
  }

  /** A token for `subject` valid ENTITLEMENT_TTL_S from `now` (ms). */
  async sign(subject: string, claims: EntitlementClaims, now: number): Promise<string> {
    const issuedAt = Math.floor(now / 1000);
    return new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: this.publicKey.kid, typ: 'JWT' })
      .setSubject(subject)
      .setIssuer(this.issuer)
      .setAudience(ENTITLEMENT_AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ENTITLEMENT_TTL_S)
      .sign(this.privateKey);
  }
}
