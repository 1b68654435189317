import { describe, expect, it } from 'vitest';
import { takeToken } from './connect';

function browser(hash: string) {
  const store = new Map<string, string>();
  const replaced: string[] = [];
  const location = { hash, pathname: '/', search: '' } as Location;
  const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) } as unknown as Storage;
  const history = { replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url) } as unknown as History;
  return { location, storage, history, replaced };
}

describe('takeToken', () => {
  it('takes the token from the fragment, keeps it for reloads and clears the address bar', () => {
    const b = browser('#token=abc123');
    expect(takeToken(b.location, b.storage, b.history)).toBe('abc123');
    expect(b.replaced).toEqual(['/']);
    const reload = { ...b, location: { hash: '', pathname: '/', search: '' } as Location };
    expect(takeToken(reload.location, b.storage, b.history)).toBe('abc123');
  });

  it('gives an empty token when there is none, so the host answers "not authorized"', () => {
    const b = browser('');
    expect(takeToken(b.location, b.storage, b.history)).toBe('');
  });
});
