// Shared mode (`shared:*`): several app processes on one Redis share events, one rate budget and one kill switch.
// What a window shows of it: the Redis address (never its password), since when Redis has been unreachable, and the
// processes seen lately, each with its age; one not heard from for 15 s is gone from the list.
import { z } from 'zod';

const timestamp = z.number().int().nonnegative();
const NoPayload = z.object({}).strict();

export const ProcessRole = z.enum(['desktop', 'host']);
export type ProcessRole = z.infer<typeof ProcessRole>;

export const ProcessPresence = z.object({
  id: z.string().min(1).max(100),
  name: z.string().max(100),
  host: z.string().max(255),
  role: ProcessRole,
  /** The accounts it trades, as `venue:mode`. */
  accounts: z.array(z.string().max(100)).max(100),
  version: z.string().max(50),
  /** Milliseconds since its last heartbeat, on Redis' clock. */
  ageMs: z.number().int().nonnegative(),
  /** This process. */
  self: z.boolean(),
});
export type ProcessPresence = z.infer<typeof ProcessPresence>;

export const SharedModeStatus = z.object({
  /** False without `--redis` (or its setting): the app works alone, as always. */
  enabled: z.boolean(),
  /** The Redis address, e.g. `rediss://redis.example.com:6380`. */
  redis: z.string().optional(),
  unreachableSince: timestamp.optional(),
  /** Why this process left shared mode and works alone (e.g. the plan does not include it). */
  problem: z.string().optional(),
  /** Events committed here and not yet in Redis. */
  outboxBacklog: z.number().int().nonnegative(),
  processes: z.array(ProcessPresence),
});
export type SharedModeStatus = z.infer<typeof SharedModeStatus>;

export const sharedModeChannels = {
  'shared:status': { req: NoPayload, res: SharedModeStatus },
} as const;

export const sharedModeEvents = {
  /** Shared mode's status changed: Redis lost or back, a process came or went (at most every few seconds). */
  'shared.status': SharedModeStatus,
} as const;
