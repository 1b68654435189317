// Which role a presented token grants: the operator token everything, the optional viewer token read-only access.
import type { Role } from '../../src-shared';
import { tokensMatch } from './auth';

export interface HostTokens {
  operator: string;
  /** Absent: no viewer access at all. */
  viewer?: string | undefined;
}

/** The role of `given`, or undefined when it is neither token. */
export function roleOfToken(tokens: HostTokens, given: string | undefined): Role | undefined {
  if (tokensMatch(tokens.operator, given)) return 'operator';
  if (tokens.viewer !== undefined && tokensMatch(tokens.viewer, given)) return 'viewer';
  return undefined;
}
