import { describe, expect, it } from 'vitest';
import { dataDirArg } from './args';

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
