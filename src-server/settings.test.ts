import { describe, expect, it } from 'vitest';
import { loadSettings, SettingsError } from './settings';

const FULL = {
  STRIPE_SECRET_KEY: 'sk_test_51Secret0000000000',
  STRIPE_WEBHOOK_SECRET: 'whsec_0000000000',
  STRIPE_PRICE_MONTHLY: 'price_monthly1',
  STRIPE_PRICE_YEARLY: 'price_yearly1',
  AUTH0_ISSUER: 'https://tradebot.eu.auth0.com/',
  AUTH0_AUDIENCE: 'https://api.tradebot.example',
  ENTITLEMENT_SIGNING_KEY_FILE: '/etc/tbs/entitlement-key.pem',
  ACCOUNT_SERVER_PUBLIC_URL: 'https://accounts.tradebot.example/',
};

function refusal(env: Record<string, string | undefined>): SettingsError {
  try {
    loadSettings(env);
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return error as SettingsError;
  }
  throw new Error('expected the settings to be refused');
}

describe('account server settings', () => {
  it('reads a complete environment, with defaults for the database and the listen address', () => {
    expect(loadSettings(FULL)).toEqual({
      stripe: { secretKey: FULL.STRIPE_SECRET_KEY, webhookSecret: FULL.STRIPE_WEBHOOK_SECRET, prices: { monthly: 'price_monthly1', yearly: 'price_yearly1' } },
      auth: { issuer: 'https://tradebot.eu.auth0.com/', audience: 'https://api.tradebot.example' },
      signingKeyFile: '/etc/tbs/entitlement-key.pem',
      publicUrl: 'https://accounts.tradebot.example',
      databaseFile: 'account-server.sqlite',
      listen: { host: '127.0.0.1', port: 8787 },
    });
  });

  it('names each missing variable, an empty one counting as missing', () => {
    for (const name of Object.keys(FULL)) {
      const { [name]: _left, ...rest } = FULL as Record<string, string>;
      expect(refusal(rest)).toMatchObject({ variable: name, message: `${name} is not set: see docs/account-server.md` });
      expect(refusal({ ...rest, [name]: '  ' }).variable).toBe(name);
    }
  });

  it('says what a malformed value should be, without repeating the value', () => {
    const error = refusal({ ...FULL, STRIPE_SECRET_KEY: 'pk_live_publishable_key_by_mistake' });
    expect(error.variable).toBe('STRIPE_SECRET_KEY');
    expect(error.message).toContain('must be a Stripe secret or restricted key');
    expect(error.message).not.toContain('pk_live_publishable');
    expect(refusal({ ...FULL, STRIPE_PRICE_YEARLY: 'prod_123' }).message).toContain("the yearly price's id");
    expect(refusal({ ...FULL, PORT: '70000' }).variable).toBe('PORT');
  });

  it('wants https for the issuer and the public address, except on the loopback address', () => {
    expect(refusal({ ...FULL, AUTH0_ISSUER: 'http://tradebot.eu.auth0.com/' }).message).toContain('must be an https:// address');
    expect(refusal({ ...FULL, ACCOUNT_SERVER_PUBLIC_URL: 'http://accounts.example' }).variable).toBe('ACCOUNT_SERVER_PUBLIC_URL');
    expect(loadSettings({ ...FULL, AUTH0_ISSUER: 'http://127.0.0.1:4000' }).auth.issuer).toBe('http://127.0.0.1:4000');
  });

  it('points stripe-node at another API address when STRIPE_API_URL is set', () => {
    expect(loadSettings({ ...FULL, STRIPE_API_URL: 'http://127.0.0.1:12111' }).stripe.api).toEqual({ host: '127.0.0.1', port: 12111, protocol: 'http' });
  });
});
