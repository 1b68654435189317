// One TCP connection speaking NDJSON: bounded lines in, JSON objects out, heartbeats both ways and a watchdog that
// declares the peer gone after `silentMs` without a line. Framing faults (a line too long, bad JSON) are answered
// with an error reply and reading goes on: a misbehaving peer never crashes the app.
import type { Socket } from 'node:net';
import { LineReader } from './line-reader';
import { HEARTBEAT_MS, MAX_LINE_BYTES, PEER_SILENT_MS, type WireErrorCode } from './protocol';

export interface NdjsonSocketOptions {
  heartbeatMs?: number;
  silentMs?: number;
  maxLineBytes?: number;
  now?: () => number;
}

export type CloseReason = 'peer_closed' | 'silent' | 'local' | 'socket_error';

export class NdjsonSocket {
  private readonly valueListeners = new Set<(value: unknown) => void>();
  private readonly closeListeners = new Set<(reason: CloseReason) => void>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly watchdog: NodeJS.Timeout;
  private lastHeard: number;
  private closedWith: CloseReason | undefined;
  private readonly now: () => number;

  constructor(
    private readonly socket: Socket,
    options: NdjsonSocketOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.lastHeard = this.now();
    const silentMs = options.silentMs ?? PEER_SILENT_MS;
    const reader = new LineReader(options.maxLineBytes ?? MAX_LINE_BYTES, {
      onLine: (line) => this.receive(line),
      onOverflow: () => this.replyError(null, 'line_too_long', `a line may hold at most ${options.maxLineBytes ?? MAX_LINE_BYTES} bytes`),
    });
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.lastHeard = this.now();
      reader.push(chunk);
    });
    socket.on('close', () => this.finish('peer_closed'));
    socket.on('error', () => this.finish('socket_error'));
    this.heartbeat = setInterval(() => this.send({ type: 'heartbeat', time: this.now() }), options.heartbeatMs ?? HEARTBEAT_MS);
    this.watchdog = setInterval(() => {
      if (this.now() - this.lastHeard >= silentMs) this.close('silent');
    }, Math.max(10, Math.floor(silentMs / 5)));
  }

  get closed(): boolean {
    return this.closedWith !== undefined;
  }

  /** Every JSON object the peer sends (heartbeats included: they are the caller's to ignore). */
  onValue(listener: (value: unknown) => void): () => void {
    this.valueListeners.add(listener);
    return () => this.valueListeners.delete(listener);
  }

  onClose(listener: (reason: CloseReason) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  send(value: object): void {
    if (this.closed || this.socket.destroyed) return;
    this.socket.write(`${JSON.stringify(value)}\n`);
  }

  replyError(id: string | null, code: WireErrorCode, message: string): void {
    this.send({ id, ok: false, error: { code, message } });
  }

  /** Sends `last` (if any), then ends the connection once it is flushed. */
  close(reason: CloseReason, last?: object): void {
    if (this.closed) return;
    if (last) this.send(last);
    this.finish(reason);
    this.socket.end();
    // A peer that never reads must not keep the socket open forever.
    setTimeout(() => this.socket.destroy(), 1_000).unref();
  }

  private receive(line: string): void {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      this.replyError(null, 'bad_json', 'the line is not valid JSON');
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.replyError(null, 'bad_json', 'a line must be one JSON object');
      return;
    }
    for (const listener of this.valueListeners) listener(value);
  }

  private finish(reason: CloseReason): void {
    if (this.closedWith !== undefined) return;
    this.closedWith = reason;
    clearInterval(this.heartbeat);
    clearInterval(this.watchdog);
    if (reason !== 'local' && reason !== 'silent') this.socket.destroy();
    for (const listener of this.closeListeners) listener(reason);
  }
}
