// Who may do what. The operator token controls the app; the optional viewer token only watches (charts, orders,
// balances, logs). Every channel and every pushed event names the least role it needs, in a table the compiler
// checks against the contract: a new channel or event without a role is a type error, so it cannot be forgotten.
import { z } from 'zod';

export const ROLES = ['viewer', 'operator'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Whether a session of `role` may use what needs `needed`: the operator may do everything a viewer may. */
export function roleAllows(role: Role, needed: Role): boolean {
  return needed === 'viewer' || role === 'operator';
}

/** The words of a FORBIDDEN answer: what was refused and why, so the viewer knows it is the token, not a bug. */
export function readOnlyMessage(what: string): string {
  return `${what} needs the operator token: this session uses the viewer token, which is read-only`;
}
