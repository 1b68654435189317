// Faults a test asks a fake venue for, consumed one request at a time. Each mirrors something a real venue does:
// a slow answer, a 5xx, a 429 with Retry-After, a 418 ban, a connection reset before the request is read, and the
// worst ones for trading — the venue accepts an order and the response is lost, or answered with a 5xx.

export type FaultKind = 'latency' | '5xx' | '429' | '418' | 'reset' | 'accept-then-drop' | 'accept-then-5xx';

export interface Fault {
  kind: FaultKind;
  /** How many matching requests get the fault (default 1). */
  times?: number;
  /** Only requests to this exact path (default: any). */
  path?: string;
  /** Only requests with this method (default: any). */
  method?: string;
  /** For 'latency' (default 1000). */
  latencyMs?: number;
  /** For '5xx' and 'accept-then-5xx' (default 503). */
  status?: number;
  /** Retry-After in seconds for '429' and '418' (default 1). */
  retryAfterS?: number;
}

interface Pending {
  fault: Fault;
  left: number;
}

export class FaultInjector {
  private pending: Pending[] = [];

  inject(fault: Fault): void {
    this.pending.push({ fault, left: fault.times ?? 1 });
  }

  /** The first pending fault matching the request, counted as used; undefined when none applies. */
  take(method: string, path: string): Fault | undefined {
    const entry = this.pending.find(
      (p) => (p.fault.path === undefined || p.fault.path === path) && (p.fault.method === undefined || p.fault.method.toUpperCase() === method),
    );
    if (!entry) return undefined;
    entry.left -= 1;
    if (entry.left <= 0) this.pending = this.pending.filter((p) => p !== entry);
    return entry.fault;
  }

  /** Faults not yet used up: a test waits for 0 to know its fault reached the request it was meant for. */
  get waiting(): number {
    return this.pending.length;
  }

  clear(): void {
    this.pending = [];
  }
}
