// One way to turn a failed zod parse into a message: `path: message; path: message`. Only paths and zod's own
// messages, which never quote the value (it may be a secret, or a stored blob that stays out of the log).
import type { z } from 'zod';

export interface DescribeZodIssuesOptions {
  /** At most this many issues (a corrupt stored value can have hundreds). All of them by default. */
  limit?: number;
}

/**
 * The issues of `error`, each as `path: message`. An issue about the value as a whole (empty path) is named
 * `fallbackPath` when given (`order`, `(value)`), or shown as its message alone.
 */
export function describeZodIssues(error: z.ZodError, fallbackPath?: string, options: DescribeZodIssuesOptions = {}): string {
  const issues = options.limit === undefined ? error.issues : error.issues.slice(0, options.limit);
  return issues
    .map((issue) => {
      const path = issue.path.map(String).join('.') || fallbackPath;
      return path === undefined ? issue.message : `${path}: ${issue.message}`;
    })
    .join('; ');
}
