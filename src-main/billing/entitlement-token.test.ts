// The offline check of an entitlement token refuses every token the account server's key did not sign with ES256:
// unsigned, HMAC-signed with the public key as the secret (algorithm confusion), another issuer or audience.
import { createHmac } from 'node:crypto';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENTITLEMENT_AUDIENCE } from '../../src-shared';
import { EntitlementKey, EntitlementRefused } from './entitlement-token';

const ISSUER = 'https://accounts.example';
const CLAIMS = { plan: 'pro', status: 'active', periodEnd: 1_900_000_000, cancelAtPeriodEnd: false, features: ['mt5'] };
const NOW = Date.UTC(2026, 11, 4);
let pem: string;
let key: EntitlementKey;
let sign: (claims?: object, options?: { issuer?: string; audience?: string; expiresInS?: number }) => Promise<string>;

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

beforeAll(async () => {
  const pair = await generateKeyPair('ES256');
  pem = await exportSPKI(pair.publicKey);
  key = await EntitlementKey.fromPem(pem, ISSUER);
  sign = (claims = CLAIMS, options = {}) =>
    new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('auth0|alice')
      .setIssuer(options.issuer ?? ISSUER)
      .setAudience(options.audience ?? ENTITLEMENT_AUDIENCE)
      .setIssuedAt(NOW / 1000)
      .setExpirationTime(NOW / 1000 + (options.expiresInS ?? 7 * 86400))
      .sign(pair.privateKey);
});

const refused = (token: string) => expect(key.verify(token, NOW)).rejects.toBeInstanceOf(EntitlementRefused);

describe('entitlement token, offline', () => {
  it('reads a good token, and an expired one (its signature still checked) with its expiry', async () => {
    expect(await key.verify(await sign(), NOW)).toMatchObject({ plan: 'pro', subject: 'auth0|alice', expiresAt: NOW + 7 * 86400_000 });
    const expired = await key.verify(await sign(CLAIMS, { expiresInS: 60 }), NOW + 3600_000);
    expect(expired.expiresAt).toBe(NOW + 60_000);
  });

  it('refuses an unsigned token, and one signed with HMAC using the public key as the secret', async () => {
    const payload = b64({ ...CLAIMS, sub: 'auth0|alice', iss: ISSUER, aud: ENTITLEMENT_AUDIENCE, iat: NOW / 1000, exp: NOW / 1000 + 3600 });
    await refused(`${b64({ alg: 'none' })}.${payload}.`);
    const header = b64({ alg: 'HS256', typ: 'JWT' });
    const mac = createHmac('sha256', pem).update(`${header}.${payload}`).digest('base64url');
    await refused(`${header}.${payload}.${mac}`);
  });

  it('refuses another issuer, another audience, claims of the wrong shape, and junk', async () => {
    await refused(await sign(CLAIMS, { issuer: 'https://elsewhere.example' }));
    await refused(await sign(CLAIMS, { audience: 'another-app' }));
    await refused(await sign({ ...CLAIMS, plan: 'platinum' }));
    await refused('not.a.jwt');
    await refused(`${'a'.repeat(5000)}.b.c`);
  });
});
