import { describe, expect, it } from 'vitest';
import { shortcutFor, type KeyLike } from './keyboard';

const key = (over: Partial<KeyLike>): KeyLike => ({
  key: 'b',
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  targetTag: 'BODY',
  targetEditable: false,
  inDialog: false,
  ...over,
});

describe('shortcutFor', () => {
  it('maps B and S (either case) to buy and sell, Esc to clear', () => {
    expect(shortcutFor(key({ key: 'b' }))).toBe('buy');
    expect(shortcutFor(key({ key: 'B' }))).toBe('buy');
    expect(shortcutFor(key({ key: 's', targetTag: 'BUTTON' }))).toBe('sell');
    expect(shortcutFor(key({ key: 'Escape' }))).toBe('clear');
    expect(shortcutFor(key({ key: 'x' }))).toBeUndefined();
  });

  it('leaves letters typed into a field alone, but Esc there still clears the ticket', () => {
    expect(shortcutFor(key({ key: 'b', targetTag: 'INPUT' }))).toBeUndefined();
    expect(shortcutFor(key({ key: 's', targetTag: 'SELECT' }))).toBeUndefined();
    expect(shortcutFor(key({ key: 's', targetTag: 'DIV', targetEditable: true }))).toBeUndefined();
    expect(shortcutFor(key({ key: 'Escape', targetTag: 'INPUT' }))).toBe('clear');
  });

  it('leaves browser shortcuts (Ctrl+S…) and open dialogs alone', () => {
    expect(shortcutFor(key({ key: 's', ctrlKey: true }))).toBeUndefined();
    expect(shortcutFor(key({ key: 'b', metaKey: true }))).toBeUndefined();
    expect(shortcutFor(key({ key: 'Escape', inDialog: true }))).toBeUndefined();
  });
});
