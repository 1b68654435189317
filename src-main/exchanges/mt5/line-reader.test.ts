import { describe, expect, it } from 'vitest';
import { LineReader } from './line-reader';

function reader(max: number) {
  const lines: string[] = [];
  let overflows = 0;
  const r = new LineReader(max, { onLine: (line) => lines.push(line), onOverflow: () => overflows++ });
  return { r, lines, overflows: () => overflows };
}

describe('LineReader', () => {
  it('splits lines across chunks and drops the \\r of CRLF', () => {
    const { r, lines } = reader(100);
    r.push(Buffer.from('{"a":1}\r\n{"b"'));
    r.push(Buffer.from(':2}\n\n{"c":3}\n'));
    expect(lines).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
  });

  it('keeps multi-byte characters split between chunks intact', () => {
    const { r, lines } = reader(100);
    const bytes = Buffer.from('"€uro"\n');
    r.push(bytes.subarray(0, 2));
    r.push(bytes.subarray(2));
    expect(lines).toEqual(['"€uro"']);
  });

  it('refuses a line over the limit without holding it, then reads the next line', () => {
    const { r, lines, overflows } = reader(10);
    r.push(Buffer.from('0123456789'));
    expect(lines).toEqual([]);
    for (let i = 0; i < 1000; i++) {
      r.push(Buffer.from('x'.repeat(1000)));
      expect(r.bufferedBytes).toBeLessThanOrEqual(11);
    }
    expect(overflows()).toBe(0);
    r.push(Buffer.from('tail\nok\n'));
    expect(overflows()).toBe(1);
    expect(lines).toEqual(['ok']);
  });

  it('accepts a line of exactly the limit and refuses one byte more', () => {
    const { r, lines, overflows } = reader(5);
    r.push(Buffer.from('12345\n123456\n12345\r\n'));
    expect(lines).toEqual(['12345', '12345']);
    expect(overflows()).toBe(1);
  });
});
