// A fake Binance spot venue on 127.0.0.1 speaking the documented wire formats that ccxt.pro uses for live data:
// WebSocket market streams (`{"method":"SUBSCRIBE","params":["btcusdt@kline_1m"],"id":1}`; kline, trade and 24hrMiniTicker
// events) and the REST calls behind them (exchangeInfo for ccxt's loadMarkets, klines for history and backfill).
// Faults are injected by the test: dropped sockets, refused connections, silence.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Candle } from '../../src-shared';
import { FakeMarket, MINUTE } from './stream-market';

const INTERVALS: Record<string, number> = { '1m': MINUTE, '5m': 5 * MINUTE, '15m': 15 * MINUTE, '1h': 60 * MINUTE };

export interface StreamFrame {
  method: 'SUBSCRIBE' | 'UNSUBSCRIBE' | string;
  params: string[];
  id: number;
}

interface Client {
  socket: WebSocket;
  streams: Set<string>;
}

export interface FakeBinanceStreamOptions {
  /** Binance ids and start prices, e.g. { BTCUSDT: 60000 }. */
  symbols?: Record<string, number>;
  seed?: number;
  /** Start of the simulated clock. */
  now?: number;
}

const str = (x: number) => String(x);

function klineEvent(id: string, interval: string, bar: Candle, closed: boolean, eventTime: number) {
  const span = INTERVALS[interval]!;
  return {
    e: 'kline',
    E: eventTime,
    s: id,
    k: {
      t: bar.time, T: bar.time + span - 1, s: id, i: interval, f: 1, L: 2,
      o: str(bar.open), c: str(bar.close), h: str(bar.high), l: str(bar.low), v: str(bar.volume),
      n: 1, x: closed, q: '0', V: '0', Q: '0', B: '0',
    },
  };
}

function exchangeInfo(ids: string[]) {
  return {
    timezone: 'UTC',
    serverTime: Date.now(),
    rateLimits: [],
    exchangeFilters: [],
    symbols: ids.map((id) => ({
      symbol: id,
      status: 'TRADING',
      baseAsset: id.replace(/USDT$/, ''),
      baseAssetPrecision: 8,
      quoteAsset: 'USDT',
      quotePrecision: 8,
      quoteAssetPrecision: 8,
      orderTypes: ['LIMIT', 'MARKET'],
      icebergAllowed: true,
      ocoAllowed: true,
      isSpotTradingAllowed: true,
      isMarginTradingAllowed: false,
      permissions: ['SPOT'],
      filters: [
        { filterType: 'PRICE_FILTER', minPrice: '0.01', maxPrice: '1000000.00', tickSize: '0.01' },
        { filterType: 'LOT_SIZE', minQty: '0.00001', maxQty: '9000.00', stepSize: '0.00001' },
        { filterType: 'NOTIONAL', minNotional: '5.00', applyMinToMarket: true, maxNotional: '9000000.00', applyMaxToMarket: false, avgPriceMins: 5 },
      ],
    })),
  };
}

export class FakeBinanceStream {
  readonly market: FakeMarket;
  /** Every SUBSCRIBE / UNSUBSCRIBE frame received, in order. */
  readonly frames: StreamFrame[] = [];
  /** REST paths requested (with query), in order. */
  readonly restCalls: string[] = [];
  connections = 0;
  /** WebSocket connection attempts refused while `refuse(true)`: what an outage costs the venue's limit. */
  refusedAttempts = 0;
  private readonly clients = new Set<Client>();
  private readonly http = createServer((req, res) => this.rest(req, res));
  private readonly wss = new WebSocketServer({ noServer: true });
  private refusing = false;
  /** Trade ids of the `@trade` streams, as Binance numbers them: increasing per symbol. */
  private tradeId = 1000;
  /** Every trade event sent, by symbol id: what a tape subscriber should have seen. */
  readonly tradesSent = new Map<string, Array<{ id: string; price: number; amount: number; side: 'buy' | 'sell' }>>();
  private silent = false;
  port = 0;

  constructor(options: FakeBinanceStreamOptions = {}) {
    this.market = new FakeMarket(options.symbols ?? { BTCUSDT: 60_000, ETHUSDT: 3_000 }, options.seed ?? 1, options.now ?? Date.UTC(2026, 0, 5, 12, 0, 0));
    this.http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (this.refusing) {
        this.refusedAttempts++;
        socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', resolve));
    this.port = (this.http.address() as AddressInfo).port;
    return this;
  }

  get restBase(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get wsBase(): string {
    return `ws://127.0.0.1:${this.port}/ws`;
  }

  /** Open sockets with at least one subscription. */
  get subscribedSockets(): number {
    return [...this.clients].filter((c) => c.streams.size > 0).length;
  }

  get openSockets(): number {
    return this.clients.size;
  }

  /** Streams some socket is subscribed to right now. */
  subscribed(): Set<string> {
    return new Set([...this.clients].flatMap((c) => [...c.streams]));
  }

  /** Advances the market by `ms` and sends every subscriber its kline, trade and miniTicker events. */
  step(ms: number, price?: (id: string, last: number) => number): void {
    const closed = this.market.step(ms, price);
    if (this.silent) return;
    const now = this.market.now;
    const tradesThisStep = new Map<string, { id: string; price: number; amount: number; side: 'buy' | 'sell' }>();
    for (const client of this.clients) {
      for (const stream of client.streams) {
        const [lower, kind] = stream.split('@') as [string, string];
        const id = lower.toUpperCase();
        if (!this.market.bars.has(id)) continue;
        if (kind === 'trade') {
          // One trade per step at the new close: a rise was a buyer taking the ask (the buyer was not the maker).
          let trade = tradesThisStep.get(id);
          if (!trade) {
            const bar = this.market.current(id);
            trade = { id: String(++this.tradeId), price: bar.close, amount: 0.5, side: bar.close >= bar.open ? 'buy' : 'sell' };
            tradesThisStep.set(id, trade);
            const sent = this.tradesSent.get(id) ?? [];
            sent.push(trade);
            this.tradesSent.set(id, sent);
          }
          const side = trade.side;
          this.send(client, { e: 'trade', E: now, s: id, t: Number(trade.id), p: str(trade.price), q: str(trade.amount), T: now, m: side === 'sell', M: true });
        } else if (kind === 'miniTicker') {
          // ccxt's watchTicker: `o` is the open of the rolling 24 h, here the first bar of the last 24 h held.
          const bar = this.market.current(id);
          const day = this.market.series(id, MINUTE).find((b) => b.time >= now - 86_400_000) ?? bar;
          this.send(client, { e: '24hrMiniTicker', E: now, s: id, c: str(bar.close), o: str(day.open), h: str(bar.high), l: str(bar.low), v: '100', q: '1000' });
        } else if (kind.startsWith('kline_')) {
          const interval = kind.slice('kline_'.length);
          const span = INTERVALS[interval];
          if (!span) continue;
          // Binance sends the closing bar's final state (x: true) before the next one starts.
          const series = this.market.series(id, span);
          const current = series.at(-1)!;
          const finals = (closed.get(id) ?? []).map((bar) => Math.floor(bar.time / span) * span).filter((t) => t < current.time);
          for (const time of [...new Set(finals)]) {
            const bar = series.find((b) => b.time === time);
            if (bar) this.send(client, klineEvent(id, interval, bar, true, now));
          }
          this.send(client, klineEvent(id, interval, current, false, now));
        }
      }
    }
  }

  /** Sends a raw event to every subscriber of `stream` (for benchmarks that shape their own messages). */
  broadcast(stream: string, event: unknown): number {
    const text = JSON.stringify(event);
    let sent = 0;
    for (const client of this.clients) {
      if (client.streams.has(stream) && client.socket.readyState === client.socket.OPEN) {
        client.socket.send(text);
        sent++;
      }
    }
    return sent;
  }

  /** Cuts every socket without a close handshake, as a network failure does. */
  dropAll(): void {
    for (const client of this.clients) client.socket.terminate();
    this.clients.clear();
  }

  /** While true, new WebSocket connections are refused with 503. */
  refuse(on: boolean): void {
    this.refusing = on;
  }

  /** While true, the sockets stay open but no event is sent: a half-dead connection. */
  silence(on: boolean): void {
    this.silent = on;
  }

  async stop(): Promise<void> {
    this.dropAll();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private accept(socket: WebSocket): void {
    this.connections++;
    const client: Client = { socket, streams: new Set() };
    this.clients.add(client);
    socket.on('close', () => this.clients.delete(client));
    socket.on('message', (data) => {
      let frame: StreamFrame;
      try {
        frame = JSON.parse(data.toString()) as StreamFrame;
      } catch {
        return this.send(client, { error: { code: 2, msg: 'Invalid JSON' } });
      }
      this.frames.push(frame);
      if (frame.method === 'SUBSCRIBE') for (const s of frame.params) client.streams.add(s);
      else if (frame.method === 'UNSUBSCRIBE') for (const s of frame.params) client.streams.delete(s);
      this.send(client, { result: null, id: frame.id });
    });
  }

  private send(client: Client, message: unknown): void {
    if (client.socket.readyState === client.socket.OPEN) client.socket.send(JSON.stringify(message));
  }

  private rest(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    this.restCalls.push(url.pathname + url.search);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/api/v3/exchangeInfo') return json(200, exchangeInfo([...this.market.bars.keys()]));
    if (url.pathname === '/api/v3/ping') return json(200, {});
    if (url.pathname === '/api/v3/klines') {
      const id = url.searchParams.get('symbol') ?? '';
      const interval = url.searchParams.get('interval') ?? '';
      const span = INTERVALS[interval];
      if (!this.market.bars.has(id) || !span) return json(400, { code: -1121, msg: 'Invalid symbol.' });
      const limit = Math.min(1000, Number(url.searchParams.get('limit') ?? 500));
      const start = url.searchParams.get('startTime');
      const end = url.searchParams.get('endTime');
      let bars = this.market.series(id, span);
      if (end !== null) bars = bars.filter((b) => b.time <= Number(end));
      // Documented: with startTime the oldest `limit` bars from there, otherwise the newest `limit`.
      bars = start !== null ? bars.filter((b) => b.time >= Number(start)).slice(0, limit) : bars.slice(-limit);
      return json(200, bars.map((b) => [b.time, str(b.open), str(b.high), str(b.low), str(b.close), str(b.volume), b.time + span - 1, '0', 1, '0', '0', '0']));
    }
    json(404, { code: -1, msg: `fake Binance has no ${url.pathname}` });
  }
}
