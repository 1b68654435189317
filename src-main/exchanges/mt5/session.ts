// A welcomed EA: requests matched to replies by id, each with a deadline, and pushes handed out typed. Everything the
// EA sends is parsed by protocol.ts first; a reply nobody waits for any more (late, or sent twice) is logged and
// dropped, never delivered twice.
import { BridgeError } from './bridge-error';
import type { BridgeLog } from './bridge-log';
import type { CloseReason, NdjsonSocket } from './ndjson-socket';
import { classifyEaLine, COMMANDS, type Command, type CommandArgs, type CommandResult, type Hello, type Push, type Reply } from './protocol';

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** Trading commands wait longer: the trade server may take seconds; past this the order is UNKNOWN, not failed. */
export const TRADE_REQUEST_TIMEOUT_MS = 30_000;

interface Waiting {
  command: Command;
  resolve(result: unknown): void;
  reject(error: BridgeError): void;
  timer: NodeJS.Timeout;
}

/** What the EA said about itself in its hello, without the token. */
export type Mt5Terminal = Omit<Hello, 'token' | 'type'>;

export class Mt5Session {
  readonly terminal: Mt5Terminal;
  private nextId = 1;
  private readonly waiting = new Map<string, Waiting>();
  private readonly pushListeners = new Set<(push: Push) => void>();
  private readonly closeListeners = new Set<(reason: CloseReason | 'replaced') => void>();
  private serverOffset: number;
  private endedWith: CloseReason | 'replaced' | undefined;

  constructor(
    private readonly socket: NdjsonSocket,
    hello: Hello,
    private readonly log: BridgeLog,
  ) {
    const { token: _token, type: _type, ...terminal } = hello;
    this.terminal = terminal;
    this.serverOffset = hello.serverOffsetMs;
    socket.onValue((value) => this.receive(value));
    socket.onClose((reason) => this.end(reason));
  }

  get login(): string {
    return this.terminal.login;
  }

  /** Trade server clock − UTC, as last reported (it changes with the broker's daylight saving time). */
  get serverOffsetMs(): number {
    return this.serverOffset;
  }

  get open(): boolean {
    return this.endedWith === undefined;
  }

  request<C extends Command>(command: C, args: CommandArgs<C>, timeoutMs?: number): Promise<CommandResult<C>> {
    if (!this.open) return Promise.reject(new BridgeError('disconnected', `MetaTrader 5 (${this.login}) is not connected`));
    const checked = COMMANDS[command].args.safeParse(args);
    if (!checked.success) return Promise.reject(new BridgeError('bad_request', `${command}: ${checked.error.issues[0]?.message ?? 'invalid arguments'}`));
    const id = String(this.nextId++);
    const deadline = timeoutMs ?? (command === 'order_send' || command === 'close' ? TRADE_REQUEST_TIMEOUT_MS : DEFAULT_REQUEST_TIMEOUT_MS);
    return new Promise<CommandResult<C>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new BridgeError('timeout', `MetaTrader 5 did not answer ${command} within ${deadline} ms`));
      }, deadline);
      this.waiting.set(id, { command, resolve: resolve as (result: unknown) => void, reject, timer });
      this.socket.send({ id, cmd: command, ...(checked.data as object) });
    });
  }

  onPush(listener: (push: Push) => void): () => void {
    this.pushListeners.add(listener);
    return () => this.pushListeners.delete(listener);
  }

  onClose(listener: (reason: CloseReason | 'replaced') => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** Ends the session; `replaced` tells the EA a newer connection of the same login took over. */
  close(reason: 'local' | 'replaced'): void {
    this.end(reason);
    this.socket.close(reason === 'replaced' ? 'local' : reason, reason === 'replaced' ? { type: 'bye', reason: 'replaced' } : undefined);
  }

  private receive(value: unknown): void {
    const line = classifyEaLine(value);
    switch (line.kind) {
      case 'heartbeat':
        if (line.line.serverOffsetMs !== undefined) this.serverOffset = line.line.serverOffsetMs;
        return;
      case 'bye':
        this.log.info(`MetaTrader 5 ${this.login} said bye (${line.line.reason.slice(0, 60)})`);
        return;
      case 'push':
        for (const listener of this.pushListeners) {
          try {
            listener(line.line);
          } catch (error) {
            this.log.warn(`an MT5 push listener failed: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
        return;
      case 'reply':
        this.settle(line.line);
        return;
      case 'invalid':
        this.log.warn(`MetaTrader 5 ${this.login} sent a line the protocol does not allow: ${line.message.slice(0, 200)}`);
        this.socket.replyError(line.id, 'bad_request', line.message.slice(0, 500));
        if (line.id !== null) this.fail(line.id, new BridgeError('bad_reply', `MetaTrader 5 answered with an invalid reply: ${line.message.slice(0, 200)}`));
        return;
    }
  }

  private settle(reply: Reply): void {
    if (reply.id === null) {
      if (!reply.ok) this.log.warn(`MetaTrader 5 ${this.login} reported ${reply.error.code}: ${reply.error.message.slice(0, 200)}`);
      return;
    }
    const waiting = this.waiting.get(reply.id);
    if (!waiting) {
      this.log.warn(`MetaTrader 5 ${this.login} answered request ${reply.id.slice(0, 20)}, which nothing waits for (late or repeated): dropped`);
      return;
    }
    if (!reply.ok) {
      this.fail(reply.id, new BridgeError(reply.error.code, reply.error.message));
      return;
    }
    const result = COMMANDS[waiting.command].result.safeParse(reply.result);
    if (!result.success) {
      this.fail(reply.id, new BridgeError('bad_reply', `MetaTrader 5 answered ${waiting.command} with an unexpected result: ${result.error.issues[0]?.message ?? ''}`));
      return;
    }
    this.waiting.delete(reply.id);
    clearTimeout(waiting.timer);
    waiting.resolve(result.data);
  }

  private fail(id: string, error: BridgeError): void {
    const waiting = this.waiting.get(id);
    if (!waiting) return;
    this.waiting.delete(id);
    clearTimeout(waiting.timer);
    waiting.reject(error);
  }

  private end(reason: CloseReason | 'replaced'): void {
    if (this.endedWith !== undefined) return;
    this.endedWith = reason;
    for (const id of [...this.waiting.keys()]) {
      this.fail(id, new BridgeError('disconnected', `MetaTrader 5 (${this.login}) disconnected before answering`));
    }
    for (const listener of this.closeListeners) listener(reason);
  }
}
