// One rate budget per venue key and egress IP for all processes: a token bucket per venue window, kept in Redis and
// spent by a Lua script on Redis' own clock (the processes' clocks never matter), with each request's weight. The
// bucket holds a small burst and refills at the rest of the window's allowance spread over the window, so that no
// fixed, clock-aligned window of the venue (Binance resets each minute) ever sees more than the limit less the
// spec's safety margin. When Redis cannot be asked, each process spends from a local bucket of an equal share
// (limit ÷ processes last seen), never the whole budget.
import { AppError, type VenueId } from '../../src-shared';
import type { ExchangeOperation, RateLimitSpec } from '../exchanges';
import type { RedisClient, RedisLink } from './redis-link';

const DEFAULT_SAFETY_MARGIN = 0.1;
/** Share of the usable allowance that may go at once; the rest arrives spread over the window. */
const BURST_SHARE = 0.05;
/** A process not seen for this long no longer counts when the budget is split for a Redis outage. */
const MEMBER_TTL_MS = 15_000;

// KEYS: one bucket per window, then the members set. ARGV: member, member ttl, then per window capacity, refill per
// ms, cost. Takes every window's cost or none; returns { wait in ms (0 = taken), processes seen }.
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local members = KEYS[#KEYS]
redis.call('ZADD', members, now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', members, '-inf', now - tonumber(ARGV[2]))
redis.call('PEXPIRE', members, tonumber(ARGV[2]) * 2)
local seen = redis.call('ZCARD', members)
local wait = 0
local levels = {}
for i = 1, #KEYS - 1 do
  local capacity = tonumber(ARGV[3 * i])
  local rate = tonumber(ARGV[3 * i + 1])
  local cost = tonumber(ARGV[3 * i + 2])
  local state = redis.call('HMGET', KEYS[i], 'tokens', 'at')
  local tokens = tonumber(state[1]) or capacity
  local at = tonumber(state[2]) or now
  tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
  levels[i] = tokens
  if tokens < cost then wait = math.max(wait, math.ceil((cost - tokens) / rate)) end
end
for i = 1, #KEYS - 1 do
  local tokens = levels[i]
  if wait == 0 then tokens = tokens - tonumber(ARGV[3 * i + 2]) end
  redis.call('HSET', KEYS[i], 'tokens', tostring(tokens), 'at', now)
  redis.call('PEXPIRE', KEYS[i], math.ceil(tonumber(ARGV[3 * i]) / tonumber(ARGV[3 * i + 1])) + 60000)
end
return { wait, seen }
`;

interface Bucket {
  id: string;
  capacity: number;
  /** tokens per millisecond */
  rate: number;
}

export interface SharedBudgetOptions {
  link: RedisLink;
  client: RedisClient;
  venue: VenueId;
  spec: RateLimitSpec;
  /** The budget's scope: the venue key (or account) and the egress IP it shares, e.g. `binance:203.0.113.7`. */
  scope: string;
  processId: string;
  prefix?: string;
  now?: () => number;
}

export class SharedRateBudget {
  private readonly buckets: Bucket[];
  private readonly keys: string[];
  private readonly costCache = new Map<ExchangeOperation, number[]>();
  private processesSeen = 1;
  private readonly local: LocalShare;
  private readonly now: () => number;

  constructor(private readonly options: SharedBudgetOptions) {
    const margin = options.spec.safetyMargin ?? DEFAULT_SAFETY_MARGIN;
    this.now = options.now ?? Date.now;
    this.buckets = options.spec.windows.map((window) => {
      const usable = Math.max(1, Math.floor(window.limit * (1 - margin)));
      const dearest = Math.max(1, ...Object.values(options.spec.costs).map((cost) => cost?.[window.id] ?? 0));
      const capacity = Math.min(usable, Math.max(dearest, Math.floor(usable * BURST_SHARE)));
      return { id: window.id, capacity, rate: (usable - capacity) / window.intervalMs };
    });
    const prefix = `${options.prefix ?? 'tbs'}:budget:${options.scope}`;
    this.keys = [...this.buckets.map((b) => `${prefix}:${b.id}`), `${prefix}:members`];
    this.local = new LocalShare(this.buckets, this.now);
  }

  /** How many processes the budget was split between when Redis was last asked (1 before that). */
  get processes(): number {
    return this.processesSeen;
  }

  /**
   * Waits until `operation`'s weight fits the shared budget (or this process's local share while Redis is away),
   * and takes it; throws RATE_LIMITED when that would be later than `deadline`.
   */
  async acquire(operation: ExchangeOperation, deadline: number): Promise<void> {
    const costs = this.costs(operation);
    for (;;) {
      const wait = await this.tryTake(costs);
      if (wait === 0) return;
      if (this.now() + wait > deadline) {
        throw new AppError('RATE_LIMITED', `The request limit shared by every process for ${this.options.venue} is used up for now.`, true, { retryAfterMs: wait });
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private async tryTake(costs: number[]): Promise<number> {
    if (this.options.link.reachable && this.options.client.isReady) {
      try {
        const args = [this.options.processId, String(MEMBER_TTL_MS)];
        this.buckets.forEach((bucket, i) => args.push(String(bucket.capacity), String(bucket.rate), String(costs[i] ?? 0)));
        const reply = (await this.options.client.eval(TAKE, { keys: this.keys, arguments: args })) as [number, number];
        this.processesSeen = Math.max(1, Number(reply[1]));
        return Number(reply[0]);
      } catch {
        this.options.link.markUnreachable();
      }
    }
    return this.local.tryTake(costs, this.processesSeen);
  }

  private costs(operation: ExchangeOperation): number[] {
    let costs = this.costCache.get(operation);
    if (!costs) {
      const { spec } = this.options;
      const cost = spec.costs[operation] ?? spec.defaultCost;
      costs = this.buckets.map((b) => (cost === undefined ? 1 : (cost[b.id] ?? 0)));
      this.costCache.set(operation, costs);
    }
    return costs;
  }
}

/** The same buckets, in this process only, each cut to an equal share of the processes last seen. */
class LocalShare {
  private readonly tokens: number[];
  private at: number;

  constructor(private readonly buckets: readonly Bucket[], private readonly now: () => number) {
    // Starts empty: a process that loses Redis must not add a full burst on top of what the others already spent.
    this.tokens = buckets.map(() => 0);
    this.at = now();
  }

  tryTake(costs: readonly number[], processes: number): number {
    const now = this.now();
    const elapsed = Math.max(0, now - this.at);
    this.at = now;
    let wait = 0;
    this.buckets.forEach((bucket, i) => {
      const capacity = Math.max(costs[i] ?? 0, bucket.capacity / processes);
      const rate = bucket.rate / processes;
      this.tokens[i] = Math.min(capacity, this.tokens[i]! + elapsed * rate);
      const cost = costs[i] ?? 0;
      if (this.tokens[i]! < cost) wait = Math.max(wait, Math.ceil((cost - this.tokens[i]!) / rate));
    });
    if (wait === 0) this.buckets.forEach((_, i) => (this.tokens[i] = this.tokens[i]! - (costs[i] ?? 0)));
    return wait;
  }
}
