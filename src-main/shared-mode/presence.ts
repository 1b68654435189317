// Presence: each process writes a heartbeat (name, host, role, accounts, version) every few seconds, stamped with
// Redis' clock, and lists the others with the age of their last heartbeat. One silent for `goneAfterMs` is left out
// of the list (and removed from Redis), whether it stopped cleanly or crashed.
import type { ProcessPresence } from '../../src-shared';
import type { RedisClient } from './redis-link';

export type ProcessInfo = Omit<ProcessPresence, 'ageMs' | 'self'>;

const BEAT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
return now
`;

const LIST = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local gone = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[1]))
for _, id in ipairs(gone) do
  redis.call('ZREM', KEYS[1], id)
  redis.call('HDEL', KEYS[2], id)
end
local out = {}
local seen = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
for i = 1, #seen, 2 do
  table.insert(out, seen[i])
  table.insert(out, tostring(now - tonumber(seen[i + 1])))
  table.insert(out, redis.call('HGET', KEYS[2], seen[i]) or '')
end
return out
`;

export interface PresenceOptions {
  client: RedisClient;
  self: ProcessInfo;
  prefix?: string;
  intervalMs?: number;
  goneAfterMs?: number;
}

export class Presence {
  private timer: NodeJS.Timeout | undefined;
  private readonly keys: string[];

  constructor(private readonly options: PresenceOptions) {
    const prefix = options.prefix ?? 'tbs';
    this.keys = [`${prefix}:presence:seen`, `${prefix}:presence:info`];
  }

  start(): void {
    void this.beat();
    this.timer = setInterval(() => void this.beat(), this.options.intervalMs ?? 3_000);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Every process heard from lately, this one included; throws when Redis cannot be asked. */
  async list(): Promise<ProcessPresence[]> {
    const reply = (await this.options.client.eval(LIST, { keys: this.keys, arguments: [String(this.options.goneAfterMs ?? 15_000)] })) as string[];
    const out: ProcessPresence[] = [];
    for (let i = 0; i + 2 < reply.length; i += 3) {
      const info = parseInfo(reply[i + 2]!);
      if (!info) continue;
      out.push({ ...info, id: reply[i]!, ageMs: Math.max(0, Number(reply[i + 1])), self: reply[i] === this.options.self.id });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  async beat(): Promise<void> {
    const { client, self } = this.options;
    if (!client.isReady) return;
    await client.eval(BEAT, { keys: this.keys, arguments: [self.id, JSON.stringify(self)] }).catch(() => undefined);
  }
}

function parseInfo(text: string): Omit<ProcessInfo, 'id'> | undefined {
  // Bounded: another process's heartbeat is read, not trusted.
  if (text.length > 10_000) return undefined;
  try {
    const value = JSON.parse(text) as Partial<ProcessInfo>;
    if (typeof value.name !== 'string' || typeof value.host !== 'string' || typeof value.version !== 'string') return undefined;
    if (value.role !== 'desktop' && value.role !== 'host') return undefined;
    const accounts = Array.isArray(value.accounts) ? value.accounts.filter((a): a is string => typeof a === 'string').slice(0, 100) : [];
    return { name: value.name.slice(0, 100), host: value.host.slice(0, 255), role: value.role, accounts, version: value.version.slice(0, 50) };
  } catch {
    return undefined;
  }
}
