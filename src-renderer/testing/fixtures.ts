// Orders, trades and an API bridge for the store tests: the bridge is the renderer's port to main, so a test drives
// the real ApiClient and store through it and decides when each answer and event arrives.
import type { ApiBridge, ApiResponse, Order, Trade } from '../../src-shared';

export function order(over: Partial<Order> = {}): Order {
  return {
    clientOrderId: 'c1',
    venue: 'demo',
    mode: 'demo',
    symbol: 'BTC/USDT',
    side: 'buy',
    type: 'limit',
    amount: 0.01,
    price: 50_000,
    filled: 0,
    status: 'open',
    createdAt: 1_000,
    updatedAt: 1_000,
    ...over,
  };
}

export function trade(over: Partial<Trade> = {}): Trade {
  return { id: 't1', venue: 'demo', mode: 'demo', symbol: 'BTC/USDT', side: 'buy', price: 60_000, amount: 0.01, timestamp: 2_000, ...over };
}

type Answer = (payload: unknown) => unknown;

/** A bridge whose answers are set per channel; an answer may return a promise the test resolves later. */
export class FakeBridge implements ApiBridge {
  readonly calls: { channel: string; payload: unknown }[] = [];
  private readonly answers = new Map<string, Answer>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  answer(channel: string, answer: Answer): this {
    this.answers.set(channel, answer);
    return this;
  }

  async invoke(channel: string, payload: unknown): Promise<ApiResponse> {
    this.calls.push({ channel, payload });
    const answer = this.answers.get(channel);
    if (!answer) return { ok: false, error: { code: 'INTERNAL', message: `no answer for ${channel}`, retryable: false } };
    try {
      return { ok: true, result: await answer(payload) };
    } catch (error) {
      return { ok: false, error: { code: 'ORDER_REJECTED', message: (error as Error).message, retryable: false } };
    }
  }

  on(event: string, listener: (payload: unknown) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  emit(event: string, payload: unknown): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.size ?? 0;
  }
}

/** A promise and the function that settles it, for answers that arrive when the test says. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
