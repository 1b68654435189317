// The device flow (RFC 8628) against the real provider: approve, deny, let the code expire, and slow_down honoured.
import { afterEach, describe, expect, it } from 'vitest';
import { startOpenIdProvider, type OpenIdProviderOptions, type RunningOpenIdProvider } from '../../fakes/openid-provider';
import { ProviderUserAgent, type Decision } from '../../fakes/openid-provider/user-agent';
import { InProcessEventBus } from '../events';
import { MemorySecretStore } from '../secrets/testing';
import { AUTH_SESSION_ENTRY, AuthService, SignInError } from './index';

let provider: RunningOpenIdProvider | undefined;
let auth: AuthService | undefined;
const secrets = new MemorySecretStore();

afterEach(async () => {
  auth?.close();
  await provider?.close();
  for (const [name] of secrets.entries()) await secrets.delete(name);
});

async function startDeviceSignIn(options: Partial<OpenIdProviderOptions> = {}) {
  provider = await startOpenIdProvider({ callbackPorts: [53682], ...options });
  auth = new AuthService({
    config: { issuer: new URL(provider.issuer), clientId: provider.clientId, audience: provider.audience, loopbackHttp: true },
    secrets,
    bus: new InProcessEventBus(),
    log: () => {},
  });
  const status = await auth.signInWithDevice();
  const result = auth.completion();
  result.catch(() => {});
  expect(status.state).toBe('signing-in');
  if (status.pending?.flow !== 'device') throw new Error('expected a device sign-in');
  return { pending: status.pending, result, provider, auth };
}

async function activate(verificationUri: string, userCode: string, decision: Decision) {
  return new ProviderUserAgent(provider!.issuer).activateDevice(verificationUri, userCode, provider!.users[0]!, decision);
}

async function refusal(result: Promise<unknown>): Promise<SignInError> {
  const error = await result.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(SignInError);
  expect(secrets.entries()).toEqual([]);
  return error as SignInError;
}

describe('device sign-in', () => {
  it('shows the verification address and code, and signs in once the user approves elsewhere', async () => {
    const { pending, result } = await startDeviceSignIn();
    expect(pending.verificationUri).toBe(`${provider!.issuer}/device`);
    expect(pending.userCode).toMatch(/^[A-Z]{4}-?[A-Z]{4}$/);
    expect(pending.verificationUriComplete).toContain(encodeURIComponent(pending.userCode).replace('%2D', '-'));
    const page = await activate(pending.verificationUri, pending.userCode, 'accept');
    expect(page).toContain('Device activated');
    const status = await result;
    expect(status).toMatchObject({ state: 'signed-in', user: { name: 'Alice Trader', email: 'alice@example.com' } });
    expect(JSON.parse((await secrets.get(AUTH_SESSION_ENTRY))!).refreshToken).toBeTruthy();
    expect(await auth!.accessToken()).toMatch(/^eyJ/);
  });

  it('reports a denial in words and stores nothing', async () => {
    const { pending, result } = await startDeviceSignIn();
    await activate(pending.verificationUri, pending.userCode, 'decline');
    const error = await refusal(result);
    expect(error.reason).toBe('access-denied');
    expect(auth!.status()).toMatchObject({ state: 'signed-out', problem: 'the sign-in was declined at the provider' });
  });

  it('reports an expired code in words', async () => {
    const { result } = await startDeviceSignIn({ deviceCodeTtlS: 2 });
    const error = await refusal(result);
    expect(error.reason).toBe('expired');
    expect(error.message).toContain('the code expired');
  });

  it('polls at the interval the provider asks for, and backs off by 5 s when told to slow down', async () => {
    const { pending, result } = await startDeviceSignIn({ devicePollIntervalS: 1, slowDownFirstPolls: 1 });
    // Approve only after the slow_down was answered, so the poll after it is the one that gets the tokens.
    await expect.poll(() => provider!.devicePolls.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    await activate(pending.verificationUri, pending.userCode, 'accept');
    await result;
    const polls = provider!.devicePolls;
    expect(polls[0]!.answer).toBe('slow_down');
    expect(polls.slice(1).every((poll) => poll.answer === 'passed on')).toBe(true);
    // interval 1 s + 5 s after slow_down (RFC 8628 §3.5); a little slack for timers firing early.
    expect(polls[1]!.at - polls[0]!.at).toBeGreaterThanOrEqual(5_900);
  }, 30_000);

  it('can be cancelled: the poll stops and nothing is stored', async () => {
    const { result } = await startDeviceSignIn();
    auth!.cancel();
    const error = await refusal(result);
    expect(error.reason).toBe('cancelled');
    expect(auth!.status().state).toBe('signed-out');
  });
});
