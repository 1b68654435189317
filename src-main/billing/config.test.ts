import { describe, expect, it } from 'vitest';
import { billingConfigFromEnv, issuerOf } from './config';

const PEM = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n';
const noFiles = (path: string): string => {
  throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
};

describe('account server settings of the app', () => {
  it('is off without either variable: no plans', () => {
    expect(billingConfigFromEnv({})).toBeUndefined();
    expect(billingConfigFromEnv({ TBS_ACCOUNT_SERVER_URL: ' ', TBS_ENTITLEMENT_PUBLIC_KEY: '' })).toBeUndefined();
  });

  it('takes the key as PEM text or as a file, and the address as the issuer', () => {
    const inline = billingConfigFromEnv({ TBS_ACCOUNT_SERVER_URL: 'https://accounts.example/', TBS_ENTITLEMENT_PUBLIC_KEY: PEM })!;
    expect(inline.publicKeyPem).toBe(PEM.trim());
    expect(issuerOf(inline)).toBe('https://accounts.example');
    const fromFile = billingConfigFromEnv({ TBS_ACCOUNT_SERVER_URL: 'http://127.0.0.1:8787', TBS_ENTITLEMENT_PUBLIC_KEY: '/etc/key.pem' }, (path) => (path === '/etc/key.pem' ? PEM : noFiles(path)))!;
    expect(fromFile.publicKeyPem).toBe(PEM);
  });

  it('refuses half a configuration, plain http beyond this machine, and what is not a public key', () => {
    expect(() => billingConfigFromEnv({ TBS_ACCOUNT_SERVER_URL: 'https://accounts.example' })).toThrow('TBS_ENTITLEMENT_PUBLIC_KEY is not set');
    expect(() => billingConfigFromEnv({ TBS_ENTITLEMENT_PUBLIC_KEY: PEM })).toThrow('TBS_ACCOUNT_SERVER_URL is not set');
    expect(() => billingConfigFromEnv({ TBS_ACCOUNT_SERVER_URL: 'http://accounts.example', TBS_ENTITLEMENT_PUBLIC_KEY: PEM })).toThrow('must use https://');
    expect(() => billingConfigFromEnv({ TBS_ACCOUNT_SERVER_URL: 'https://accounts.example', TBS_ENTITLEMENT_PUBLIC_KEY: '-----BEGIN PRIVATE KEY-----' })).toThrow('public key');
    expect(() => billingConfigFromEnv({ TBS_ACCOUNT_SERVER_URL: 'https://accounts.example', TBS_ENTITLEMENT_PUBLIC_KEY: '/missing.pem' }, noFiles)).toThrow('cannot be read (ENOENT)');
  });
});
