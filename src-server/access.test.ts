// Every endpoint but the webhook wants a valid access token from the configured issuer, for the configured API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenIdProvider } from '../fakes/openid-provider';
import { issueAccessToken } from '../fakes/openid-provider/access-token';
import { AccessTokenError, createAccessTokenVerifier } from './access-tokens';
import { OTHER_AUDIENCE, startAccountServer, type Harness } from '../fakes/account-server';

let h: Harness;
beforeAll(async () => {
  h = await startAccountServer();
});
afterAll(async () => h.close());

const PROTECTED = [
  ['POST', '/billing/checkout', { interval: 'monthly' }],
  ['POST', '/billing/portal', undefined],
  ['GET', '/me/entitlements', undefined],
] as const;

async function expectRefused(token: string | null, reason: string) {
  for (const [method, path, body] of PROTECTED) {
    const response = await fetch(`${h.url}${path}`, {
      method,
      headers: { ...(token !== null ? { authorization: token } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    expect(response.status, `${method} ${path}`).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain(`error_description="${reason}"`);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
  }
  // A refused request reached neither Stripe nor the database.
  expect(h.stripe.requests).toEqual([]);
  expect(h.repository.counts()).toEqual({ customers: 0, subscriptions: 0, events: 0 });
}

describe('access tokens', () => {
  it('refuses a request without a token', async () => {
    await expectRefused(null, 'missing');
  });

  it('refuses a header that is not a bearer JWT', async () => {
    await expectRefused('Basic YWxpY2U6cGFzc3dvcmQ=', 'malformed');
    await expectRefused('Bearer not-a-jwt', 'malformed');
  });

  it('refuses a token for another API (audience)', async () => {
    await expectRefused(`Bearer ${await h.token({ audience: OTHER_AUDIENCE })}`, 'wrong-audience');
  });

  it('refuses a token whose signature was tampered with', async () => {
    const [header, payload, signature] = (await h.token()).split('.');
    const flipped = `${signature!.slice(0, -2)}${signature!.endsWith('AA') ? 'BB' : 'AA'}`;
    await expectRefused(`Bearer ${header}.${payload}.${flipped}`, 'bad-signature');
  });

  it('refuses a token from another issuer, even one with the same audience', async () => {
    const other = await startOpenIdProvider({ callbackPorts: [53683] });
    try {
      const foreign = await issueAccessToken(other);
      // Its key is not among the configured issuer's: the signature check refuses it before the issuer claim is read.
      await expectRefused(`Bearer ${foreign}`, 'bad-signature');
    } finally {
      await other.close();
    }
  });

  it("refuses a token whose issuer claim is not the configured issuer, and says when the issuer cannot be discovered", async () => {
    // Configured with another issuer name whose discovery document (and so keys) are this provider's.
    const verifier = createAccessTokenVerifier({ issuer: `${h.provider.issuer}/tenant`, audience: h.provider.audience });
    const refusal = await verifier.subjectOf(`Bearer ${await h.token()}`).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(AccessTokenError);
    expect((refusal as AccessTokenError).reason).toBe('issuer-unreachable');
    const sameKeys = createAccessTokenVerifier({ issuer: `${h.provider.issuer}/`, audience: h.provider.audience });
    const wrongIssuer = await sameKeys.subjectOf(`Bearer ${await h.token()}`).catch((e: unknown) => e);
    expect((wrongIssuer as AccessTokenError).reason).toBe('wrong-issuer');
    const right = createAccessTokenVerifier({ issuer: h.provider.issuer, audience: h.provider.audience });
    expect(await right.subjectOf(`Bearer ${await h.token()}`)).toBe('auth0|alice');
  });

  it('refuses an expired token, and accepts it while it is valid', async () => {
    const token = await h.token();
    const valid = await h.call('GET', '/me/entitlements', { token });
    expect(valid.status).toBe(200);
    // The fake provider's tokens live 600 s; past that and the 30 s of clock tolerance, the token is refused.
    h.clock.offsetMs = 631_000;
    try {
      const response = await h.call('GET', '/me/entitlements', { token });
      expect(response.status).toBe(401);
      expect(response.json).toMatchObject({ error: { code: 'UNAUTHORIZED', message: 'the access token has expired: sign in again' } });
    } finally {
      h.clock.offsetMs = 0;
    }
  });

  it('does not ask for a token at the webhook, the public key or the return page', async () => {
    expect((await fetch(`${h.url}/entitlement-key`)).status).toBe(200);
    expect((await fetch(`${h.url}/billing/return?checkout=success`)).status).toBe(200);
    // The webhook is refused for its missing Stripe signature, not for a missing access token.
    const webhook = await fetch(`${h.url}/stripe/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(webhook.status).toBe(400);
    expect(await webhook.json()).toMatchObject({ error: { code: 'BAD_SIGNATURE' } });
  });
});
