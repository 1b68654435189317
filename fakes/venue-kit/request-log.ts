// What reached a fake venue, in arrival order, for tests to assert on ("no 429 after the first Retry-After",
// "the create was sent exactly once"). Status 0 means the connection was dropped without an answer.
import type { FaultKind } from './faults';

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  /** ms since the epoch when the answer (or the drop) happened. */
  time: number;
  fault?: FaultKind;
}

export class RequestLog {
  private readonly list: LoggedRequest[] = [];

  add(entry: Omit<LoggedRequest, 'time'>): void {
    this.list.push({ ...entry, time: Date.now() });
  }

  get entries(): readonly LoggedRequest[] {
    return this.list;
  }

  /** Entries matching every given field. */
  filter(match: Partial<Pick<LoggedRequest, 'method' | 'path' | 'status' | 'fault'>>): LoggedRequest[] {
    return this.list.filter((e) => Object.entries(match).every(([k, v]) => e[k as keyof LoggedRequest] === v));
  }

  count(match: Partial<Pick<LoggedRequest, 'method' | 'path' | 'status' | 'fault'>> = {}): number {
    return this.filter(match).length;
  }

  clear(): void {
    this.list.length = 0;
  }
}
