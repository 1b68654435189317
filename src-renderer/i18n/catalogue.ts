// The shape a translation must have: the English catalogue's keys, every value a string. English is the source of
// truth; a Vietnamese file typed `Catalogue<typeof en>` fails the typecheck when it lacks a key or has one too many.
// Plural forms follow each language's rules (Intl.PluralRules): Vietnamese has one form, so an English `_one` key is
// optional in a translation while its `_other` stays required.

type Singular = `${string}_one`;

export type Catalogue<T> = {
  [K in keyof T as K extends Singular ? never : K]: T[K] extends string ? string : Catalogue<T[K]>;
} & {
  [K in keyof T as K extends Singular ? K : never]?: string;
};
