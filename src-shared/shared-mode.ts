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

/**
 * Shared mode as saved in Settings (the desktop app has no command line): used at the next start. The password is
 * kept in the key store, bound to the Redis server: changing the address or user clears it unless typed again.
 */
export const SharedModeSettings = z.object({
  /** The saved Redis address, without any password. */
  url: z.string().optional(),
  passwordSet: z.boolean(),
  /** The name the Processes panel shows for this process (the machine's name when absent). */
  name: z.string().optional(),
  /** Processes behind one public IP share one budget: the same label on each of them. */
  egress: z.string().optional(),
  /** The host was started with --redis (or TBS_REDIS_URL), which wins over the saved setting. */
  fromCommandLine: z.boolean(),
  /** The saved setting is not what this process runs with: it applies at the next start. */
  restartNeeded: z.boolean(),
});
export type SharedModeSettings = z.infer<typeof SharedModeSettings>;

const label = z.string().trim().min(1).max(100);
export const SharedModeUpdate = z
  .object({
    /** redis://host:port or rediss://host:port (TLS); null turns shared mode off at the next start. */
    url: z.string().trim().max(500).nullable().optional(),
    /** Redis' password (AUTH); empty removes the saved one. */
    password: z.string().max(1024).optional(),
    name: label.nullable().optional(),
    egress: label.nullable().optional(),
  })
  .strict();
export type SharedModeUpdate = z.input<typeof SharedModeUpdate>;

export const sharedModeChannels = {
  'shared:status': { req: NoPayload, res: SharedModeStatus },
  'shared:settings': { req: NoPayload, res: SharedModeSettings },
  'shared:update-settings': { req: SharedModeUpdate, res: SharedModeSettings },
} as const;

export const sharedModeEvents = {
  /** Shared mode's status changed: Redis lost or back, a process came or went (at most every few seconds). */
  'shared.status': SharedModeStatus,
} as const;
