// English: what number inputs say when the text cannot be read (format/parse-number.ts), and shared figures.
export default {
  number: {
    empty: 'enter a number',
    notANumber: 'enter a number like {{example}}',
    ambiguous: '“{{text}}” could be read two ways: type {{asThousands}} for the whole number, or {{asDecimal}} for the decimal',
    wrongDecimalMark: 'use “{{mark}}” for decimals: {{suggestion}}',
    badGrouping: 'thousands separators in the wrong place: type {{example}} or leave them out',
  },
  none: '—',
};
