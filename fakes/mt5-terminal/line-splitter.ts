// The fake terminal's bounded line reader, written apart from the app's on purpose: two independent readers of one
// protocol catch what a shared one would hide. Like the EA, it drops a line over the limit as it streams in.
export class LineSplitter {
  private pending: Buffer[] = [];
  private size = 0;
  private discarding = false;

  constructor(
    private readonly maxBytes: number,
    private readonly onLine: (line: string) => void,
    private readonly onTooLong: () => void,
  ) {}

  push(chunk: Buffer): void {
    for (let start = 0; start < chunk.length; ) {
      const newline = chunk.indexOf(0x0a, start);
      const part = chunk.subarray(start, newline === -1 ? chunk.length : newline);
      if (!this.discarding) {
        if (this.size + part.length > this.maxBytes + 1) {
          this.discarding = true;
          this.pending = [];
          this.size = 0;
        } else {
          this.pending.push(part);
          this.size += part.length;
        }
      }
      if (newline === -1) return;
      start = newline + 1;
      if (this.discarding) {
        this.discarding = false;
        this.onTooLong();
        continue;
      }
      let bytes = Buffer.concat(this.pending);
      this.pending = [];
      this.size = 0;
      if (bytes.at(-1) === 0x0d) bytes = bytes.subarray(0, -1);
      if (bytes.length > this.maxBytes) this.onTooLong();
      else if (bytes.length > 0) this.onLine(bytes.toString('utf8'));
    }
  }
}
