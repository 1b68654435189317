// The EA's client-order-id map, kept in a file the way the EA keeps MQL5/Files/TradingAppBridge/<login>.cids: one
// line per change (cid, state, result), appended and flushed before and after each send, reloaded on restart.
import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export type CidState = 'sending' | 'done';
export interface CidEntry { state: CidState; body: Record<string, unknown> | null }

const KEEP = 10_000;

export class CidMap {
  private readonly entries = new Map<string, CidEntry>();

  constructor(private readonly path: string) {
    if (existsSync(path)) {
      for (const line of readFileSync(path, 'utf8').split('\n')) {
        const [cid, state, body] = line.split('\t');
        if (!cid || (state !== 'sending' && state !== 'done')) continue;
        this.entries.delete(cid);
        this.entries.set(cid, { state, body: body ? (JSON.parse(body) as Record<string, unknown>) : null });
      }
    }
    // As the EA does on start: keep the newest entries, written to a new file that then replaces the old one.
    const kept = [...this.entries].slice(-KEEP);
    this.entries.clear();
    for (const [cid, entry] of kept) this.entries.set(cid, entry);
    writeFileSync(`${path}.new`, kept.map(([cid, entry]) => `${line(cid, entry)}\n`).join(''));
    renameSync(`${path}.new`, path);
  }

  get(cid: string): CidEntry | undefined {
    return this.entries.get(cid);
  }

  record(cid: string, state: CidState, body: Record<string, unknown> | null = null): void {
    const entry = { state, body };
    this.entries.set(cid, entry);
    appendFileSync(this.path, `${line(cid, entry)}\n`);
  }
}

function line(cid: string, entry: CidEntry): string {
  return `${cid}\t${entry.state}\t${entry.body ? JSON.stringify(entry.body) : ''}`;
}
