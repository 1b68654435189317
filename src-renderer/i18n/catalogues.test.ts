// The two catalogues say the same things: every key of one is in the other (plural forms aside, which follow each
// language's rules), no text is empty, and each translation fills in the same values ({{amount}}…) as the English.
import { describe, expect, it } from 'vitest';
import en from './en';
import vi from './vi';

const PLURAL = /_(zero|one|two|few|many|other)$/;

type Tree = { [key: string]: string | Tree };

/** Every text of a catalogue by its full key (`orders:cancel.title`). */
function texts(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}${prefix.endsWith(':') ? '' : '.'}${key}` : key;
    if (typeof value === 'string') out.set(name, value);
    else for (const [k, v] of texts(value, prefix ? name : `${name}:`)) out.set(k, v);
  }
  return out;
}

const keys = (catalogue: Map<string, string>) => new Set([...catalogue.keys()].map((key) => key.replace(PLURAL, '')));
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

const english = texts(en as unknown as Tree);
const vietnamese = texts(vi as unknown as Tree);

describe('catalogues', () => {
  it('have the same keys in English and Vietnamese', () => {
    const missingInVi = [...keys(english)].filter((key) => !keys(vietnamese).has(key));
    const missingInEn = [...keys(vietnamese)].filter((key) => !keys(english).has(key));
    expect({ missingInVi, missingInEn }).toEqual({ missingInVi: [], missingInEn: [] });
  });

  it('give every plural its general form in Vietnamese, which has only that one', () => {
    const plurals = [...english.keys()].filter((key) => key.endsWith('_other'));
    expect(plurals.filter((key) => !vietnamese.has(key))).toEqual([]);
  });

  it('leave no text empty and fill in the same values in both languages', () => {
    const empty = [...english, ...vietnamese].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
    const mismatched = [...vietnamese]
      .filter(([key, text]) => {
        const source = english.get(key) ?? english.get(key.replace(PLURAL, '_other'));
        return source !== undefined && placeholders(source).join() !== placeholders(text).join();
      })
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it('notices a key that one language lacks', () => {
    const lacking = texts({ common: { a: 'x', b: 'y' } });
    expect([...keys(lacking)].filter((key) => !keys(texts({ common: { a: 'x' } })).has(key))).toEqual(['common:b']);
  });
});
