// Splits a byte stream into newline-delimited lines with a hard bound on memory: a line longer than `maxBytes` is
// never held whole — its bytes are dropped as they arrive until its newline, and the caller hears `onOverflow` once.
// The peer is untrusted (any local process can connect), so the bound comes before any parsing.

export interface LineReaderEvents {
  onLine(line: string): void;
  /** A line over the limit ended (its newline arrived); its bytes were discarded. */
  onOverflow(): void;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

export class LineReader {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Inside a line that already passed the limit: drop bytes until its newline. */
  private discarding = false;

  constructor(
    private readonly maxBytes: number,
    private readonly events: LineReaderEvents,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(NEWLINE, start);
      const end = newline === -1 ? chunk.length : newline;
      this.take(chunk.subarray(start, end));
      if (newline === -1) return;
      this.endLine();
      start = newline + 1;
    }
  }

  /** Bytes held for the unfinished line (for tests and limits: never above maxBytes + 1). */
  get bufferedBytes(): number {
    return this.pendingBytes;
  }

  private take(part: Buffer): void {
    if (this.discarding || part.length === 0) return;
    // `+ 1` leaves room for a trailing \r, which is not part of the line.
    if (this.pendingBytes + part.length > this.maxBytes + 1) {
      this.discarding = true;
      this.pending = [];
      this.pendingBytes = 0;
      return;
    }
    this.pending.push(part);
    this.pendingBytes += part.length;
  }

  private endLine(): void {
    if (this.discarding) {
      this.discarding = false;
      this.events.onOverflow();
      return;
    }
    let line = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    if (line.length > 0 && line[line.length - 1] === CARRIAGE_RETURN) line = line.subarray(0, line.length - 1);
    if (line.length > this.maxBytes) {
      this.events.onOverflow();
      return;
    }
    if (line.length > 0) this.events.onLine(line.toString('utf8'));
  }
}
