// One process's connections to Redis and whether Redis is reachable. node-redis reconnects by itself; commands
// issued while it is away fail at once (no offline queue), so that callers fall back (the outbox keeps events,
// the budget uses a local share) instead of piling up requests in memory.
import { createClient } from 'redis';
import { AppError } from '../../src-shared';

export interface RedisLinkOptions {
  /** redis://host:port or rediss://host:port (TLS); a password may be in the URL or given apart. */
  url: string;
  password?: string;
  /** Told when Redis becomes unreachable (with since when) and when it is back (undefined). */
  onReachability?: (unreachableSince: number | undefined) => void;
  now?: () => number;
}

export type RedisClient = ReturnType<typeof newClient>;
/** A Redis reply as sendCommand returns it: strings, numbers, nulls and nested arrays. */
export type Reply = unknown;

const RECONNECT_CEILING_MS = 2_000;
const CONNECT_WAIT_MS = 2_000;

/** Checks a `--redis` value: a redis:// or rediss:// URL with a host; the error never repeats a password. */
export function parseRedisUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AppError('INVALID_REQUEST', 'The Redis address must be a URL such as redis://127.0.0.1:6379 or rediss://host:6380.');
  }
  if ((url.protocol !== 'redis:' && url.protocol !== 'rediss:') || url.hostname === '') {
    throw new AppError('INVALID_REQUEST', `The Redis address must start with redis:// or rediss:// and name a host (got ${url.protocol}//…).`);
  }
  return url;
}

/** The address for logs and the UI: host and port, never the password. */
export function describeRedisUrl(value: string): string {
  const url = parseRedisUrl(value);
  return `${url.protocol}//${url.host}`;
}

function newClient(url: string, password: string | undefined) {
  return createClient({
    url,
    ...(password === undefined ? {} : { password }),
    // RESP2: stream replies come back as plain arrays, the shape stream-consumer.ts reads.
    RESP: 2,
    disableOfflineQueue: true,
    socket: { reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, RECONNECT_CEILING_MS), connectTimeout: 2_000 },
  });
}

export class RedisLink {
  private readonly clients: RedisClient[] = [];
  private unreachableSince: number | undefined;
  private closed = false;
  private readonly now: () => number;

  constructor(private readonly options: RedisLinkOptions) {
    parseRedisUrl(options.url);
    this.now = options.now ?? Date.now;
  }

  /**
   * A new connection (commands, or one blocking reader each: a blocking XREADGROUP holds its connection). Resolves
   * once connected, or at once when Redis is away; it then connects in the background.
   */
  async connect(): Promise<RedisClient> {
    const client = newClient(this.options.url, this.options.password);
    // Without a listener node-redis would throw its connection errors at the process.
    client.on('error', () => this.markUnreachable());
    client.on('ready', () => this.markReachable());
    this.clients.push(client);
    // connect() keeps trying while Redis is away: wait for it a little only, the rest happens in the background.
    const connected = client.connect().then(
      () => true,
      () => false,
    );
    const settled = await Promise.race([connected, new Promise<boolean>((resolve) => setTimeout(resolve, CONNECT_WAIT_MS, false))]);
    if (!settled) this.markUnreachable();
    return client;
  }

  get reachable(): boolean {
    return this.unreachableSince === undefined;
  }

  /** Since when Redis has been unreachable, or undefined while it answers. */
  downSince(): number | undefined {
    return this.unreachableSince;
  }

  markUnreachable(): void {
    if (this.closed || this.unreachableSince !== undefined) return;
    this.unreachableSince = this.now();
    this.options.onReachability?.(this.unreachableSince);
  }

  markReachable(): void {
    if (this.closed || this.unreachableSince === undefined) return;
    this.unreachableSince = undefined;
    this.options.onReachability?.(undefined);
  }

  /** Drops every connection at once, nothing flushed: what the other processes see when this one crashes. */
  destroy(): void {
    this.closed = true;
    for (const client of this.clients.splice(0)) if (client.isOpen) client.destroy();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.clients.splice(0).map((c) => (c.isOpen ? c.close().catch(() => c.destroy()) : undefined)));
  }
}
