import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared';
import { authConfigFromEnv } from './config';

const full = { TBS_AUTH_ISSUER: 'tenant.eu.auth0.com', TBS_AUTH_CLIENT_ID: 'abc123', TBS_AUTH_AUDIENCE: 'https://api.tradebot.example' };

describe('authConfigFromEnv', () => {
  it('is undefined when nothing is configured: no sign-in at all', () => {
    expect(authConfigFromEnv({})).toBeUndefined();
  });

  it('reads an Auth0 domain as an https issuer', () => {
    const config = authConfigFromEnv(full)!;
    expect(config.issuer.href).toBe('https://tenant.eu.auth0.com/');
    expect(config).toMatchObject({ clientId: 'abc123', audience: 'https://api.tradebot.example', loopbackHttp: false });
  });

  it('allows plain http only for an issuer on this machine', () => {
    expect(authConfigFromEnv({ ...full, TBS_AUTH_ISSUER: 'http://127.0.0.1:4000' })!.loopbackHttp).toBe(true);
    expect(() => authConfigFromEnv({ ...full, TBS_AUTH_ISSUER: 'http://auth.example.com' })).toThrow(/must use https/);
  });

  it('refuses a half configuration, naming what is missing', () => {
    const error = (() => {
      try {
        authConfigFromEnv({ TBS_AUTH_ISSUER: 'tenant.auth0.com' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as Error).message).toContain('TBS_AUTH_CLIENT_ID and TBS_AUTH_AUDIENCE');
  });
});
