// The secrets channels through the real dispatcher over a real key file: status, unlock, a wrong passphrase, and
// no answer ever carrying the passphrase back.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src-shared';
import { FileSecretStore } from '../secrets';
import { createDispatcher, type Handlers } from './dispatcher';
import { secretsHandlers } from './secrets-handlers';
import { TransportSession } from './session';

const folder = mkdtempSync(join(tmpdir(), 'tbs-secrets-api-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const PASSPHRASE = 'a long enough passphrase';

function setup() {
  const secrets = new FileSecretStore(join(folder, `${Math.random()}.enc`), { cost: { N: 2 ** 12, r: 8, p: 1 } });
  const refuse = () => {
    throw new Error('not part of this test');
  };
  const others = Object.fromEntries(CHANNELS.map((channel) => [channel, refuse])) as unknown as Handlers;
  const dispatcher = createDispatcher({ ...others, ...secretsHandlers({ secrets }) });
  const session = new TransportSession('s1', () => {});
  return { secrets, call: (channel: string, payload: unknown) => dispatcher.dispatch(channel, payload, session) };
}

describe('secrets channels', () => {
  it('reports a locked store, creates the key file on the first unlock and opens it again only with the same passphrase', async () => {
    const { secrets, call } = setup();
    expect(await call('secrets:status', {})).toEqual({
      ok: true,
      result: { store: 'file', state: 'locked', fileExists: false, problem: expect.stringContaining('locked: enter the passphrase') },
    });
    expect(await call('secrets:unlock', { passphrase: 'short' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    const created = await call('secrets:unlock', { passphrase: PASSPHRASE });
    expect(created).toEqual({ ok: true, result: { store: 'file', state: 'ready', fileExists: true } });
    await secrets.set('account:1', 'kept');

    const { call: callAgain } = (() => {
      const again = new FileSecretStore(secrets.path, { cost: { N: 2 ** 12, r: 8, p: 1 } });
      const refuse = () => {
        throw new Error('not part of this test');
      };
      const others = Object.fromEntries(CHANNELS.map((channel) => [channel, refuse])) as unknown as Handlers;
      const dispatcher = createDispatcher({ ...others, ...secretsHandlers({ secrets: again }) });
      const session = new TransportSession('s2', () => {});
      return { call: (channel: string, payload: unknown) => dispatcher.dispatch(channel, payload, session) };
    })();
    const before = readFileSync(secrets.path);
    const wrong = await callAgain('secrets:unlock', { passphrase: 'wrong passphrase!' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE', retryable: false } });
    expect(JSON.stringify(wrong)).not.toContain('wrong passphrase!');
    expect(readFileSync(secrets.path).equals(before)).toBe(true);
    expect(await callAgain('secrets:status', {})).toMatchObject({ ok: true, result: { state: 'locked', fileExists: true } });
    const opened = await callAgain('secrets:unlock', { passphrase: PASSPHRASE });
    expect(opened).toEqual({ ok: true, result: { store: 'file', state: 'ready', fileExists: true } });
    expect(JSON.stringify(opened)).not.toContain(PASSPHRASE);
  });

  it('refuses a payload that is not a passphrase', async () => {
    const { call } = setup();
    for (const payload of [{}, { passphrase: '' }, { passphrase: 42 }, { passphrase: 'x'.repeat(2000) }, { passphrase: 'long enough', extra: 1 }]) {
      expect(await call('secrets:unlock', payload)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
  });
});
