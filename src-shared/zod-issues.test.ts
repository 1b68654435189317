import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeZodIssues } from './zod-issues';

const Order = z.object({ symbol: z.string().min(1), amount: z.number().positive(), tags: z.array(z.string()).optional() });

function failure(schema: z.ZodType, value: unknown): z.ZodError {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected the parse to fail');
  return parsed.error;
}

describe('describeZodIssues', () => {
  it('names each issue by its path, joined with semicolons', () => {
    const error = failure(Order, { symbol: '', amount: -1, tags: ['a', 7] });
    expect(describeZodIssues(error)).toBe(
      'symbol: Too small: expected string to have >=1 characters; amount: Too small: expected number to be >0; ' +
        'tags.1: Invalid input: expected string, received number',
    );
  });

  it('names an issue about the whole value by the fallback, or by its message alone', () => {
    const error = failure(Order, 'not an order');
    expect(describeZodIssues(error, 'order')).toBe('order: Invalid input: expected object, received string');
    expect(describeZodIssues(error)).toBe('Invalid input: expected object, received string');
  });

  it('keeps at most `limit` issues', () => {
    const error = failure(z.array(z.number()), ['a', 'b', 'c', 'd']);
    expect(describeZodIssues(error, '(state)', { limit: 2 })).toBe(
      '0: Invalid input: expected number, received string; 1: Invalid input: expected number, received string',
    );
  });

  it('never quotes the value it refused', () => {
    const error = failure(z.object({ secret: z.string().min(40) }), { secret: 'hunter2-very-secret' });
    expect(describeZodIssues(error)).not.toContain('hunter2');
  });
});
