// A fake MetaTrader 5 terminal running mt5/TradingAppBridge.mq5: a node:net client that speaks the bridge protocol
// (docs/mt5-protocol.md) the way the EA does — hello, heartbeats, reconnect with backoff, every command, the pushes,
// and the persisted client-order-id map — over the simulated trade server. Tests tell it to misbehave (faults.ts).
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { CidMap } from './cid-map';
import type { TradeFault } from './faults';
import { LineSplitter } from './line-splitter';
import type { SendRequest, SendResult, SimulatedTradeServer } from './trade-server';
import { round } from './trade-server';

export interface FakeTerminalOptions {
  port: number;
  token: string;
  server: SimulatedTradeServer;
  /** Stands for MQL5/Files: the cid map is kept here, so it survives restart(). */
  filesDir: string;
  serverName?: string;
  company?: string;
  protocolVersion?: number;
  eaVersion?: string;
  serverOffsetMs?: number;
  magic?: number;
  heartbeatMs?: number;
  silentMs?: number;
  backoffMinMs?: number;
  backoffMaxMs?: number;
  /** Wait after a refusal for the token or after being replaced (60 s in the EA). */
  waitRefusedMs?: number;
  /** How often ticks, bars and the account are checked (the EA's InpPollMs). */
  pollMs?: number;
  /** Delay before each reply, as a slow terminal or trade server adds. */
  replyDelayMs?: number;
}

export interface WireRecord { from: 'ea' | 'app'; line: string }

const MAX_LINE = 1024 * 1024;
const MAX_ROWS = 5000;
const MINUTES: Record<string, number> = { M1: 1, M5: 5, M15: 15, M30: 30, H1: 60, H4: 240, D1: 1440, W1: 10_080, MN1: 43_200 };
const CID = /^[A-Za-z0-9_-]{1,27}$/;

type Args = Record<string, unknown>;

export class FakeMt5Terminal {
  readonly server: SimulatedTradeServer;
  /** Every line either way, for transcripts and assertions. */
  readonly wire: WireRecord[] = [];
  /** Refusals received (reason), newest last. */
  readonly refusals: string[] = [];
  /** Trading faults to inject into the next order_send / close commands, in order. */
  readonly faults: TradeFault[] = [];
  connections = 0;
  restarts = 0;
  private socket: Socket | undefined;
  private welcomedFlag = false;
  private stopped = true;
  private backoff: number;
  private retryTimer: NodeJS.Timeout | undefined;
  private timers: NodeJS.Timeout[] = [];
  private lastHeard = 0;
  private map: CidMap;
  private readonly ticks = new Map<string, string>();
  private readonly bars = new Map<string, { symbol: string; timeframe: string; time: number; seen: string }>();
  private lastAccount = '';
  private readonly welcomeWaiters = new Set<() => void>();
  private readonly options: Required<Omit<FakeTerminalOptions, 'server' | 'token' | 'port' | 'filesDir'>> & FakeTerminalOptions;

  constructor(options: FakeTerminalOptions) {
    this.options = {
      serverName: 'Broker-Demo', company: 'Broker Ltd', protocolVersion: 1, eaVersion: '1.0.0', serverOffsetMs: 7_200_000, magic: 7031,
      heartbeatMs: 5_000, silentMs: 15_000, backoffMinMs: 1_000, backoffMaxMs: 30_000, waitRefusedMs: 60_000, pollMs: 10, replyDelayMs: 0,
      ...options,
    };
    this.server = options.server;
    this.backoff = this.options.backoffMinMs;
    this.map = new CidMap(this.mapPath());
    this.server.onTransaction((transaction) => {
      if (this.welcomedFlag) this.send({ push: 'trade', ...transaction });
    });
  }

  get welcomed(): boolean {
    return this.welcomedFlag;
  }

  /** Attaches the EA: it connects, and reconnects with backoff whenever the connection ends. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.timers = [
      setInterval(() => this.everyPoll(), this.options.pollMs),
      setInterval(() => this.send({ type: 'heartbeat', time: this.server.clock(), serverOffsetMs: this.options.serverOffsetMs }), this.options.heartbeatMs),
    ];
    this.connectNow();
  }

  /** Removes the EA from the chart. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    clearTimeout(this.retryTimer);
    this.disconnect();
  }

  /** The EA restarts (terminal restart, recompile): connection and subscriptions lost, the cid map reloaded from disk. */
  restart(): void {
    this.restarts++;
    this.stop();
    this.map = new CidMap(this.mapPath());
    this.backoff = this.options.backoffMinMs;
    this.start();
  }

  /** The network drops the connection (the EA reconnects by itself). */
  dropConnection(): void {
    this.socket?.destroy();
  }

  waitWelcomed(timeoutMs = 5_000): Promise<void> {
    if (this.welcomedFlag) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.welcomeWaiters.delete(done);
        reject(new Error(`the fake terminal was not welcomed within ${timeoutMs} ms (refusals: ${this.refusals.join(', ')})`));
      }, timeoutMs);
      this.welcomeWaiters.add(done);
    });
  }

  /** Moves the market; subscribed ticks and bars are pushed on the next poll, as the EA's timer would. */
  quote(symbol: string, bid: number, ask?: number): void {
    this.server.setQuote(symbol, bid, ask);
  }

  private mapPath(): string {
    return join(this.options.filesDir, `${this.server.login}.cids`);
  }

  private connectNow(): void {
    if (this.stopped || this.socket) return;
    const socket = connect(this.options.port, '127.0.0.1');
    this.socket = socket;
    const reader = new LineSplitter(MAX_LINE, (line) => this.receive(line), () => this.replyError(null, 'line_too_long', 'a line may hold at most 1048576 bytes'));
    socket.setNoDelay(true);
    socket.on('connect', () => {
      this.connections++;
      this.lastHeard = Date.now();
      this.sendHello();
    });
    socket.on('data', (chunk: Buffer) => {
      this.lastHeard = Date.now();
      reader.push(chunk);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.welcomedFlag = false;
      this.ticks.clear();
      this.bars.clear();
      this.scheduleConnect(this.backoff);
      this.backoff = Math.min(this.backoff * 2, this.options.backoffMaxMs);
    });
  }

  private scheduleConnect(waitMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connectNow(), waitMs);
  }

  private disconnect(): void {
    const socket = this.socket;
    this.socket = undefined;
    this.welcomedFlag = false;
    this.ticks.clear();
    this.bars.clear();
    socket?.destroy();
  }

  private sendHello(): void {
    const s = this.server;
    this.send({
      type: 'hello', v: this.options.protocolVersion, token: this.options.token, login: s.login, server: this.options.serverName,
      company: this.options.company, name: 'J. Trader', currency: s.currency, leverage: s.leverage, marginMode: s.marginMode,
      tradeAllowed: s.tradeAllowed, build: 4620, eaVersion: this.options.eaVersion, serverOffsetMs: this.options.serverOffsetMs,
    });
  }

  private send(value: object): void {
    if (!this.socket || this.socket.destroyed || this.socket.connecting) return;
    const line = JSON.stringify(value);
    this.wire.push({ from: 'ea', line });
    this.socket.write(`${line}\n`);
  }

  private reply(id: string, result: unknown): void {
    const send = () => this.send({ id, ok: true, result });
    if (this.options.replyDelayMs > 0) setTimeout(send, this.options.replyDelayMs);
    else send();
  }

  private replyError(id: string | null, code: string, message: string): void {
    this.send({ id, ok: false, error: { code, message } });
  }

  private receive(line: string): void {
    this.wire.push({ from: 'app', line });
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      this.replyError(null, 'bad_json', 'the line is not a JSON object');
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.replyError(null, 'bad_json', 'the line is not a JSON object');
      return;
    }
    const message = value as Args;
    switch (message.type) {
      case 'welcome':
        this.welcomedFlag = true;
        this.backoff = this.options.backoffMinMs;
        this.lastAccount = '';
        this.pushAccountIfChanged();
        for (const waiter of [...this.welcomeWaiters]) waiter();
        this.welcomeWaiters.clear();
        return;
      case 'refused':
        this.refusals.push(String(message.reason));
        this.disconnect();
        if (message.reason === 'version') this.stop();
        else this.scheduleConnect(this.options.waitRefusedMs);
        return;
      case 'bye':
        if (message.reason === 'replaced') {
          this.disconnect();
          this.scheduleConnect(this.options.waitRefusedMs);
        }
        return;
      case 'heartbeat':
        return;
    }
    if ('ok' in message) return;
    const id = typeof message.id === 'string' ? message.id : null;
    if (id === null || typeof message.cmd !== 'string') {
      this.replyError(id, 'bad_request', 'a request needs id and cmd');
      return;
    }
    if (!this.welcomedFlag) return;
    this.dispatch(id, message.cmd, message);
  }

  private dispatch(id: string, cmd: string, args: Args): void {
    switch (cmd) {
      case 'symbols': return this.cmdSymbols(id, args);
      case 'account': return this.reply(id, this.accountJson());
      case 'positions': return this.reply(id, { positions: this.positionsJson().filter((p) => !args.symbol || p.symbol === args.symbol) });
      case 'orders': return this.reply(id, { orders: [...this.server.orders.values()].filter((o) => !args.symbol || o.symbol === args.symbol) });
      case 'deals': return this.cmdDeals(id, args);
      case 'rates': return this.cmdRates(id, args);
      case 'subscribe': return this.cmdSubscribe(id, args, true);
      case 'unsubscribe': return this.cmdSubscribe(id, args, false);
      case 'order_send': return this.cmdOrderSend(id, args);
      case 'modify': return this.cmdModify(id, args);
      case 'close': return this.cmdClose(id, args);
      case 'cancel': return this.cmdCancel(id, args);
      case 'find': return this.cmdFind(id, args);
      default: return this.replyError(id, 'unknown_command', `unknown command ${cmd.slice(0, 40)}`);
    }
  }

  private cmdSymbols(id: string, args: Args): void {
    const names = typeof args.symbol === 'string' ? [args.symbol] : [...this.server.symbols.keys()];
    if (names.some((name) => !this.server.symbol(name))) return this.replyError(id, 'not_found', `no symbol ${String(args.symbol)}`);
    this.reply(id, {
      symbols: names.map((name) => {
        const { bid: _bid, spread: _spread, ...symbol } = this.server.symbol(name)!;
        const point = round(10 ** -symbol.digits, symbol.digits);
        return { ...symbol, point, tickSize: point, tickValue: round(point * symbol.contractSize, 8) };
      }),
    });
  }

  private accountJson() {
    const s = this.server;
    return { login: s.login, currency: s.currency, ...s.account(), leverage: s.leverage, marginMode: s.marginMode, tradeAllowed: s.tradeAllowed };
  }

  private positionsJson() {
    return [...this.server.positions.values()].map((p) => ({
      ticket: p.ticket, identifier: p.identifier, symbol: p.symbol, side: p.side, volume: p.volume, priceOpen: p.priceOpen,
      priceCurrent: this.server.priceCurrent(p), sl: p.sl, tp: p.tp, swap: p.swap, profit: this.server.profitOf(p), time: p.time, magic: p.magic, comment: p.comment,
    }));
  }

  private cmdDeals(id: string, args: Args): void {
    if (typeof args.from !== 'number' || typeof args.to !== 'number') return this.replyError(id, 'bad_request', 'deals needs from and to');
    const deals = this.server.deals.filter((d) => d.time >= (args.from as number) && d.time <= (args.to as number) && (!args.symbol || d.symbol === args.symbol));
    this.reply(id, { deals: deals.slice(0, MAX_ROWS), more: deals.length > MAX_ROWS });
  }

  private cmdRates(id: string, args: Args): void {
    const minutes = MINUTES[String(args.timeframe)];
    if (typeof args.symbol !== 'string' || typeof args.from !== 'number' || typeof args.to !== 'number') return this.replyError(id, 'bad_request', 'rates needs symbol, timeframe, from and to');
    if (!minutes) return this.replyError(id, 'bad_request', 'unknown timeframe');
    if (!this.server.symbol(args.symbol)) return this.replyError(id, 'not_found', `no history for ${args.symbol}`);
    const bars = this.server.rates(args.symbol, minutes, args.from, args.to);
    this.reply(id, { bars: bars.slice(0, MAX_ROWS), more: bars.length > MAX_ROWS });
  }

  private cmdSubscribe(id: string, args: Args, on: boolean): void {
    const symbol = String(args.symbol ?? '');
    if (!this.server.symbol(symbol)) return this.replyError(id, 'not_found', `no symbol ${symbol}`);
    if (args.stream === 'ticks') {
      if (on) this.ticks.set(symbol, this.ticks.get(symbol) ?? '');
      else this.ticks.delete(symbol);
    } else if (args.stream === 'bars') {
      const timeframe = String(args.timeframe);
      if (!MINUTES[timeframe]) return this.replyError(id, 'bad_request', 'unknown timeframe');
      const key = `${symbol}|${timeframe}`;
      if (on && !this.bars.has(key)) this.bars.set(key, { symbol, timeframe, time: 0, seen: '' });
      if (!on) this.bars.delete(key);
    } else return this.replyError(id, 'bad_request', 'stream must be ticks or bars');
    this.reply(id, {});
  }

  private cmdOrderSend(id: string, args: Args): void {
    const { cid, symbol, side, orderType, volume } = args;
    if (typeof cid !== 'string' || !CID.test(cid) || (side !== 'buy' && side !== 'sell') || typeof volume !== 'number' || volume <= 0) {
      return this.replyError(id, 'bad_request', 'order_send needs cid, side and a positive volume');
    }
    if (typeof symbol !== 'string' || !this.server.symbol(symbol)) return this.replyError(id, 'not_found', `no symbol ${String(symbol)}`);
    const num = (key: string) => (typeof args[key] === 'number' ? (args[key] as number) : undefined);
    const request: SendRequest = { action: 'deal', symbol, side, volume, sl: num('sl'), tp: num('tp'), magic: this.options.magic, comment: `tbs:${cid}` };
    if (orderType !== 'market') {
      if (orderType !== 'limit' && orderType !== 'stop' && orderType !== 'stop_limit') return this.replyError(id, 'bad_request', 'orderType must be market, limit, stop or stop_limit');
      if (num('price') === undefined) return this.replyError(id, 'bad_request', 'a pending order needs price');
      if (orderType === 'stop_limit' && num('stopLimit') === undefined) return this.replyError(id, 'bad_request', 'a stop-limit order needs stopLimit');
      Object.assign(request, { action: 'pending', pendingType: `${side}_${orderType}`, price: num('price'), stopLimit: num('stopLimit') });
    }
    this.sendTracked(id, cid, () => this.server.send(request));
  }

  private cmdClose(id: string, args: Args): void {
    const { cid, ticket } = args;
    if (typeof cid !== 'string' || !CID.test(cid)) return this.replyError(id, 'bad_request', 'close needs a cid');
    const position = this.server.positions.get(String(ticket));
    if (!this.map.get(cid) && !position) return this.replyError(id, 'not_found', `no open position ${String(ticket)}`);
    this.sendTracked(id, cid, () =>
      this.server.send({
        action: 'deal', symbol: position!.symbol, side: position!.side === 'buy' ? 'sell' : 'buy', position: position!.ticket,
        volume: typeof args.volume === 'number' ? args.volume : position!.volume, magic: this.options.magic, comment: `tbs:${cid}`,
      }),
    );
  }

  /** The EA's never-twice rule (docs/mt5-protocol.md, "The client-order-id map"), with the injected faults. */
  private sendTracked(id: string, cid: string, execute: () => SendResult): void {
    const known = this.map.get(cid);
    if (known?.state === 'done') return this.reply(id, { ...known.body, replayed: true });
    if (known) return this.replyError(id, 'in_doubt', 'this cid was sent before the EA restarted and its outcome is not recorded: use find');
    const fault = this.faults.shift();
    if (fault === 'drop_before_execution') return this.dropConnection();
    this.map.record(cid, 'sending');
    if (fault === 'restart_before_send') return this.restart();
    if (fault === 'requote') this.server.forcedRetcodes.unshift(10004);
    if (fault === 'timeout') this.server.forcedRetcodes.unshift(10012);
    let result = execute();
    if (fault === 'timeout_executed') result = { ...result, retcode: 10012, message: 'Request canceled by timeout', order: '0', deal: '0' };
    if (fault === 'restart_after_send') return this.restart();
    const body = { cid, ...result };
    this.map.record(cid, 'done', body);
    if (fault === 'lose_reply') return;
    if (fault === 'drop_after_execution') return this.dropConnection();
    this.reply(id, { ...body, replayed: false });
    if (fault === 'duplicate_reply') this.reply(id, { ...body, replayed: false });
  }

  private cmdModify(id: string, args: Args): void {
    const ticket = String(args.ticket);
    const num = (key: string) => (typeof args[key] === 'number' ? (args[key] as number) : undefined);
    let retcode: number;
    if (args.target === 'position') {
      const position = this.server.positions.get(ticket);
      if (!position) return this.replyError(id, 'not_found', `no open position ${ticket}`);
      retcode = this.server.modifyPosition(ticket, num('sl') ?? position.sl, num('tp') ?? position.tp);
    } else if (args.target === 'order') {
      if (!this.server.orders.has(ticket)) return this.replyError(id, 'not_found', `no pending order ${ticket}`);
      retcode = this.server.modifyOrder(ticket, { price: num('price'), stopLimit: num('stopLimit'), sl: num('sl'), tp: num('tp') });
    } else return this.replyError(id, 'bad_request', 'target must be position or order');
    this.reply(id, { retcode, message: retcode === 10009 ? 'Request completed' : 'Rejected' });
  }

  private cmdCancel(id: string, args: Args): void {
    const ticket = String(args.ticket);
    if (!this.server.orders.has(ticket)) return this.replyError(id, 'not_found', `no pending order ${ticket}`);
    const retcode = this.server.cancelOrder(ticket);
    this.reply(id, { retcode, message: 'Request completed' });
  }

  private cmdFind(id: string, args: Args): void {
    const cid = args.cid;
    if (typeof cid !== 'string' || !CID.test(cid)) return this.replyError(id, 'bad_request', 'find needs a cid');
    const comment = `tbs:${cid}`;
    const known = this.map.get(cid);
    let state: 'unknown' | 'in_doubt' | 'done' = known?.state === 'done' ? 'done' : known ? 'in_doubt' : 'unknown';
    const recordedOrder = known?.state === 'done' && known.body && known.body.order !== '0' ? String(known.body.order) : undefined;
    const orders = [...this.server.orders.values()].filter((o) => o.comment === comment || o.ticket === recordedOrder);
    const positions = this.positionsJson().filter((p) => p.comment === comment || p.identifier === recordedOrder);
    const deals = this.server.deals.filter((d) => d.comment === comment || d.order === recordedOrder);
    if (state === 'unknown' && orders.length + positions.length + deals.length > 0) state = 'in_doubt';
    this.reply(id, { cid, state, result: known?.state === 'done' ? { ...known.body, replayed: true } : null, orders, positions, deals });
  }

  private everyPoll(): void {
    if (!this.welcomedFlag) return;
    if (Date.now() - this.lastHeard >= this.options.silentMs) {
      this.dropConnection();
      return;
    }
    for (const [symbol, last] of this.ticks) {
      const quote = this.server.quote(symbol);
      const seen = `${quote.time}|${quote.bid}|${quote.ask}`;
      if (seen === last) continue;
      this.ticks.set(symbol, seen);
      this.send({ push: 'tick', symbol, time: quote.time, bid: quote.bid, ask: quote.ask, last: 0, volume: 0 });
    }
    for (const sub of this.bars.values()) {
      const minutes = MINUTES[sub.timeframe]!;
      const now = this.server.clock();
      const recent = this.server.rates(sub.symbol, minutes, now - 2 * minutes * 60_000, now);
      const current = recent.at(-1);
      if (!current) continue;
      const previous = recent.at(-2);
      if (sub.time !== 0 && current.time !== sub.time && previous) this.send({ push: 'bar', symbol: sub.symbol, timeframe: sub.timeframe, ...previous, closed: true });
      const seen = JSON.stringify(current);
      if (seen === sub.seen) continue;
      sub.seen = seen;
      sub.time = current.time;
      this.send({ push: 'bar', symbol: sub.symbol, timeframe: sub.timeframe, ...current, closed: false });
    }
    this.pushAccountIfChanged();
  }

  private pushAccountIfChanged(): void {
    const figures = this.server.account();
    const seen = JSON.stringify(figures);
    if (seen === this.lastAccount) return;
    this.lastAccount = seen;
    this.send({ push: 'account', ...figures });
  }
}
