// The latest kill-switch change of all processes, kept in one Redis key. The stream tells a running process of each
// change; a process that joins later (its own consumer group starts at new events) or comes back after a Redis
// outage reads this key to learn whether the switch is engaged right now. Every process writes each change it sees,
// its own and others': a compare-and-set on the change's time keeps the newest, so the key never goes back in time
// and a write lost while Redis was away is made again by any process that saw the change.
import { z } from 'zod';
import type { RedisClient } from './redis-link';

export const RecordedChange = z.object({
  engaged: z.boolean(),
  /** When the change was made (ms since epoch, the origin's clock). */
  at: z.number().finite(),
  engagedAt: z.number().finite().optional(),
  reason: z.string().max(500).optional(),
  origin: z.string().max(100),
});
export type RecordedChange = z.infer<typeof RecordedChange>;

// Newer (or equal: the same change written again) replaces; an older one is dropped.
const WRITE_IF_NEWER = `
local current = redis.call('GET', KEYS[1])
if current then
  local ok, decoded = pcall(cjson.decode, current)
  if ok and type(decoded) == 'table' and tonumber(decoded.at) and tonumber(decoded.at) > tonumber(ARGV[2]) then return 0 end
end
redis.call('SET', KEYS[1], ARGV[1])
return 1`;

/** A value larger than any real change: a key grown past it was not written by this app and is ignored. */
const MAX_RECORD_BYTES = 4_096;

export class KillSwitchRecord {
  readonly key: string;

  constructor(private readonly client: RedisClient, prefix = 'tbs') {
    this.key = `${prefix}:kill-switch`;
  }

  /** Stores `change` unless a newer one is there already; false when it was older (or Redis is away). */
  async write(change: RecordedChange): Promise<boolean> {
    if (!this.client.isReady) return false;
    const reply = await this.client.eval(WRITE_IF_NEWER, { keys: [this.key], arguments: [JSON.stringify(change), String(change.at)] });
    return reply === 1;
  }

  /** The latest change, or undefined when none was ever made (or the key holds something else). */
  async read(): Promise<RecordedChange | undefined> {
    const raw = await this.client.get(this.key);
    if (raw === null || raw.length > MAX_RECORD_BYTES) return undefined;
    try {
      const parsed = RecordedChange.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }
}
