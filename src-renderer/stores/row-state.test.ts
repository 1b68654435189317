import { describe, expect, it } from 'vitest';
import { busyWhile, withEntry } from './row-state';

describe('withEntry', () => {
  it('sets or removes one row without touching the record it was given', () => {
    const record = { a: 'cancelling' };
    expect(withEntry(record, 'b', 'checking')).toEqual({ a: 'cancelling', b: 'checking' });
    expect(withEntry(record, 'a', undefined)).toEqual({});
    expect(record).toEqual({ a: 'cancelling' });
  });
});

describe('busyWhile', () => {
  it('marks the row busy during the action and clears it after success or failure', async () => {
    const marks: Array<[string, string | undefined]> = [];
    const whileBusy = busyWhile<string>((id, what) => marks.push([id, what]));
    await expect(whileBusy('a', 'saving', async () => 7)).resolves.toBe(7);
    await expect(whileBusy('b', 'deleting', async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect(marks).toEqual([['a', 'saving'], ['a', undefined], ['b', 'deleting'], ['b', undefined]]);
  });
});
