// The app's end of the MetaTrader 5 bridge: a TCP server on 127.0.0.1 that EAs connect to. A connection becomes a
// session only after its hello proves the pairing token; one session per MT5 login, the newest proven one wins.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { consoleBridgeLog, type BridgeLog } from './bridge-log';
import { judgeHello } from './handshake';
import { NdjsonSocket, type NdjsonSocketOptions } from './ndjson-socket';
import { PROTOCOL_VERSION, HEARTBEAT_MS, type RefusalReason, type Welcome } from './protocol';
import { Mt5Session } from './session';

export const HELLO_TIMEOUT_MS = 10_000;
/** Connections still saying hello; bounded so that a local process cannot pile up sockets. */
const MAX_UNWELCOMED = 16;

export interface Mt5BridgeServerOptions extends NdjsonSocketOptions {
  /** The pairing token, read when each hello arrives (so a new token applies without a restart). */
  pairingToken: () => Promise<string>;
  /** Named in the welcome, for the EA's log. */
  appName: string;
  log?: BridgeLog;
  helloTimeoutMs?: number;
}

/** A connection refused at hello, without the token it offered: what the Accounts screen shows. */
export interface BridgeRefusal {
  at: number;
  reason: RefusalReason;
  login?: string;
  server?: string;
  message: string;
}

export class Mt5BridgeServer {
  private readonly server: Server;
  private readonly sessions = new Map<string, Mt5Session>();
  private readonly sessionListeners = new Set<(session: Mt5Session) => void>();
  private readonly refusalListeners = new Set<(refusal: BridgeRefusal) => void>();
  private readonly log: BridgeLog;
  private unwelcomed = 0;

  constructor(private readonly options: Mt5BridgeServerOptions) {
    this.log = options.log ?? consoleBridgeLog;
    this.server = createServer((socket) => this.accept(socket));
  }

  /** Listens on 127.0.0.1 only (the EA runs on this machine); port 0 picks a free one. */
  async listen(port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return (this.server.address() as AddressInfo).port;
  }

  /** Called for every welcomed session, including one that replaces an older session of the same login. */
  onSession(listener: (session: Mt5Session) => void): () => void {
    this.sessionListeners.add(listener);
    return () => this.sessionListeners.delete(listener);
  }

  /** Called for every hello refused (wrong token, other protocol version, not a hello). */
  onRefusal(listener: (refusal: BridgeRefusal) => void): () => void {
    this.refusalListeners.add(listener);
    return () => this.refusalListeners.delete(listener);
  }

  session(login: string): Mt5Session | undefined {
    return this.sessions.get(login);
  }

  connectedLogins(): string[] {
    return [...this.sessions.keys()];
  }

  async close(): Promise<void> {
    for (const session of this.sessions.values()) session.close('local');
    this.sessions.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    if (this.unwelcomed >= MAX_UNWELCOMED) {
      socket.destroy();
      return;
    }
    this.unwelcomed++;
    const wire = new NdjsonSocket(socket, this.options);
    let settled = false;
    const settle = () => {
      if (settled) return false;
      settled = true;
      this.unwelcomed--;
      clearTimeout(helloTimer);
      stopValues();
      stopClose();
      return true;
    };
    const helloTimer = setTimeout(() => {
      if (settle()) wire.close('local');
    }, this.options.helloTimeoutMs ?? HELLO_TIMEOUT_MS);
    const stopClose = wire.onClose(() => settle());
    const stopValues = wire.onValue((value) => {
      // Heartbeats may arrive before the hello is answered; every other first line is the hello.
      if ((value as { type?: unknown }).type === 'heartbeat') return;
      if (!settle()) return;
      void this.greet(wire, value);
    });
  }

  private async greet(wire: NdjsonSocket, value: unknown): Promise<void> {
    let token: string;
    try {
      token = await this.options.pairingToken();
    } catch (error) {
      this.log.warn(`MetaTrader 5 connection closed: the pairing token could not be read (${error instanceof Error ? error.message : String(error)})`);
      wire.close('local');
      return;
    }
    const verdict = judgeHello(value, token);
    if (!verdict.accepted) {
      const who = verdict.hello ? `login ${verdict.hello.login} on ${verdict.hello.server}` : 'an unidentified terminal';
      this.log.warn(`MetaTrader 5 refused (${verdict.refusal.reason}) for ${who}`);
      wire.close('local', verdict.refusal);
      const refusal: BridgeRefusal = { at: Date.now(), reason: verdict.refusal.reason, message: verdict.refusal.message };
      if (verdict.hello) Object.assign(refusal, { login: verdict.hello.login, server: verdict.hello.server });
      for (const listener of this.refusalListeners) listener(refusal);
      return;
    }
    if (wire.closed) return;
    const session = new Mt5Session(wire, verdict.hello, this.log);
    const previous = this.sessions.get(session.login);
    this.sessions.set(session.login, session);
    session.onClose(() => {
      if (this.sessions.get(session.login) === session) this.sessions.delete(session.login);
    });
    if (previous) {
      this.log.info(`MetaTrader 5 ${session.login}: a new connection replaced the previous one`);
      previous.close('replaced');
    }
    const welcome: Welcome = { type: 'welcome', v: PROTOCOL_VERSION, heartbeatMs: this.options.heartbeatMs ?? HEARTBEAT_MS, app: this.options.appName };
    wire.send(welcome);
    this.log.info(`MetaTrader 5 ${session.login} on ${session.terminal.server} connected (EA ${session.terminal.eaVersion})`);
    for (const listener of this.sessionListeners) listener(session);
  }
}
