import { describe, expect, it } from 'vitest';
import { dataDirArg, optionArg } from './args';

describe('dataDirArg', () => {
  it.each([
    [['electron', '.', '--data-dir', '/tmp/a'], '/tmp/a'],
    [['electron', '.', '--data-dir=/tmp/b'], '/tmp/b'],
    [['electron', '.', '--data-dir', '/tmp/a', '--data-dir=/tmp/c'], '/tmp/c'],
    [['electron', '.'], undefined],
    [['electron', '.', '--data-dir'], undefined],
    [['electron', '.', '--data-dir='], undefined],
    [['electron', '.', '--data-dir', '--port'], undefined],
  ])('%j gives %s', (argv, expected) => {
    expect(dataDirArg(argv)).toBe(expected);
  });
});

describe('optionArg', () => {
  it('reads --secrets and --secrets-passphrase-file like --data-dir, and tells them apart', () => {
    const argv = ['electron', '.', '--secrets', 'file', '--secrets-passphrase-file=/run/pass'];
    expect(optionArg(argv, '--secrets')).toBe('file');
    expect(optionArg(argv, '--secrets-passphrase-file')).toBe('/run/pass');
    expect(optionArg(['electron', '.'], '--secrets')).toBeUndefined();
    expect(optionArg(['electron', '.', '--secrets-passphrase-file', '/p'], '--secrets')).toBeUndefined();
  });
});
