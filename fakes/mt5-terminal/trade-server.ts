// A simulated MT5 trade server behind the fake terminal: quotes, a hedging or netting account, positions, pending
// orders that trigger on the quote, deals, and the TRADE_RETCODE_* answers a broker gives (volume, price, stops,
// market closed, no money, trading disabled), plus retcodes forced by a test (requote, 10012, 10024…).
import { SIM_SYMBOLS, type SimSymbol } from './symbols';

export type Side = 'buy' | 'sell';
export type PendingType = 'buy_limit' | 'sell_limit' | 'buy_stop' | 'sell_stop' | 'buy_stop_limit' | 'sell_stop_limit';

export interface SimPosition { ticket: string; identifier: string; symbol: string; side: Side; volume: number; priceOpen: number; sl: number; tp: number; swap: number; time: number; magic: number; comment: string }
export interface SimOrder { ticket: string; symbol: string; type: PendingType; volumeInitial: number; volumeCurrent: number; price: number; stopLimit: number; sl: number; tp: number; time: number; magic: number; comment: string }
export interface SimDeal { ticket: string; order: string; positionId: string; symbol: string; type: Side | 'balance'; entry: 'in' | 'out' | 'inout' | 'out_by'; volume: number; price: number; commission: number; swap: number; profit: number; fee: number; time: number; magic: number; comment: string }
export interface SimBar { time: number; open: number; high: number; low: number; close: number; tickVolume: number }

export interface SendRequest {
  action: 'deal' | 'pending';
  symbol: string;
  side: Side;
  pendingType?: PendingType;
  volume: number;
  price?: number;
  stopLimit?: number;
  sl?: number;
  tp?: number;
  /** Closes (part of) this position instead of opening one. */
  position?: string;
  magic: number;
  comment: string;
}

export interface SendResult { retcode: number; message: string; order: string; deal: string; volume: number; price: number; bid: number; ask: number }

/** What OnTradeTransaction would report. */
export interface SimTransaction { kind: 'order_add' | 'order_delete' | 'deal_add' | 'position'; deal: string; order: string; position: string; symbol: string; dealType: string; orderType: string; orderState: string; price: number; volume: number; sl: number; tp: number }

export interface TradeServerOptions {
  login?: string;
  marginMode?: 'hedging' | 'netting';
  balance?: number;
  leverage?: number;
  /**
   * Server clock in ms; defaults to a Wednesday noon that advances in real time (sessions are open). A test of the
   * whole app (charts, market orders priced from the latest bar) runs it on the real clock instead, open every day:
   * `{ clock: () => Date.now() + 7_200_000, symbols: alwaysOpen() }` (the terminal's default serverOffsetMs is 2 h).
   */
  clock?: () => number;
  /** The instruments offered; SIM_SYMBOLS by default. */
  symbols?: readonly SimSymbol[];
}

const MESSAGES: Record<number, string> = {
  10004: 'Requote', 10008: 'Order placed', 10009: 'Request completed', 10012: 'Request canceled by timeout', 10014: 'Invalid volume',
  10015: 'Invalid price', 10016: 'Invalid stops', 10017: 'Trade disabled', 10018: 'Market closed', 10019: 'No money',
  10020: 'Prices changed', 10021: 'Off quotes', 10024: 'Too frequent requests', 10027: 'AutoTrading disabled by client',
  10031: 'No connection with the trade server', 10036: 'Position already closed', 10038: 'Invalid close volume',
};

const WEDNESDAY_NOON = Date.UTC(2026, 0, 7, 12);

export class SimulatedTradeServer {
  readonly login: string;
  readonly marginMode: 'hedging' | 'netting';
  readonly leverage: number;
  readonly currency = 'USD';
  readonly clock: () => number;
  balance: number;
  tradeAllowed = true;
  readonly symbols: Map<string, SimSymbol>;
  readonly quotes = new Map<string, { bid: number; ask: number; time: number }>();
  readonly positions = new Map<string, SimPosition>();
  readonly orders = new Map<string, SimOrder>();
  readonly deals: SimDeal[] = [];
  private readonly bars = new Map<string, SimBar[]>();
  /** Retcodes the next sends answer with, without trading (requote, 10024…): a test's script of broker refusals. */
  readonly forcedRetcodes: number[] = [];
  private readonly listeners = new Set<(transaction: SimTransaction) => void>();
  private nextTicket = 70_000;

  constructor(options: TradeServerOptions = {}) {
    this.login = options.login ?? '5012345';
    this.marginMode = options.marginMode ?? 'hedging';
    this.balance = options.balance ?? 10_000;
    this.leverage = options.leverage ?? 100;
    const started = Date.now();
    this.clock = options.clock ?? (() => WEDNESDAY_NOON + (Date.now() - started));
    this.symbols = new Map((options.symbols ?? SIM_SYMBOLS).map((symbol) => [symbol.name, symbol]));
    for (const symbol of this.symbols.values()) {
      this.quotes.set(symbol.name, { bid: symbol.bid, ask: round(symbol.bid + symbol.spread, symbol.digits), time: this.clock() });
      this.bars.set(symbol.name, seedBars(symbol, this.clock()));
    }
  }

  onTransaction(listener: (transaction: SimTransaction) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  symbol(name: string): SimSymbol | undefined {
    return this.symbols.get(name);
  }

  /** Moves the market: updates the forming M1 bar and triggers the pending orders the new price reaches. */
  setQuote(name: string, bid: number, ask?: number): void {
    const symbol = this.mustSymbol(name);
    const time = this.clock();
    const quote = { bid: round(bid, symbol.digits), ask: round(ask ?? bid + symbol.spread, symbol.digits), time };
    this.quotes.set(name, quote);
    const series = this.bars.get(name)!;
    const minute = Math.floor(time / 60_000) * 60_000;
    const last = series.at(-1);
    if (last && last.time === minute) {
      last.high = Math.max(last.high, quote.bid);
      last.low = Math.min(last.low, quote.bid);
      last.close = quote.bid;
      last.tickVolume++;
    } else series.push({ time: minute, open: quote.bid, high: quote.bid, low: quote.bid, close: quote.bid, tickVolume: 1 });
    this.triggerPending(name);
  }

  quote(name: string): { bid: number; ask: number; time: number } {
    return this.quotes.get(name)!;
  }

  send(request: SendRequest): SendResult {
    const quote = this.quotes.get(request.symbol);
    const refuse = (retcode: number): SendResult => ({ retcode, message: MESSAGES[retcode] ?? 'Rejected', order: '0', deal: '0', volume: 0, price: 0, bid: quote?.bid ?? 0, ask: quote?.ask ?? 0 });
    const forced = this.forcedRetcodes.shift();
    if (forced !== undefined) return refuse(forced);
    const symbol = this.symbols.get(request.symbol);
    if (!symbol || !quote) return refuse(10013);
    if (!this.tradeAllowed) return refuse(10027);
    if (symbol.tradeMode === 'disabled') return refuse(10017);
    if (!this.marketOpen(symbol)) return refuse(10018);
    if (!validVolume(symbol, request.volume)) return refuse(10014);
    if (request.position !== undefined) return this.closePosition(request, symbol, refuse);
    const buy = request.side === 'buy';
    const reference = buy ? quote.ask : quote.bid;
    const distance = symbol.stopsLevel * 10 ** -symbol.digits;
    const entry = request.action === 'deal' ? reference : (request.price ?? 0);
    if (request.sl && (buy ? request.sl > entry - distance : request.sl < entry + distance)) return refuse(10016);
    if (request.tp && (buy ? request.tp < entry + distance : request.tp > entry - distance)) return refuse(10016);
    if (request.action === 'pending') {
      if (!validPendingPrice(request, quote, distance)) return refuse(10015);
      const order = this.placePending(request, symbol);
      return { retcode: 10008, message: MESSAGES[10008]!, order: order.ticket, deal: '0', volume: request.volume, price: order.price, bid: quote.bid, ask: quote.ask };
    }
    if (this.marginFor(symbol, request.volume, reference) > this.account().freeMargin) return refuse(10019);
    const order = this.ticket();
    const deal = this.fill(symbol, request.side, request.volume, reference, order, request.magic, request.comment);
    return { retcode: 10009, message: MESSAGES[10009]!, order, deal, volume: request.volume, price: reference, bid: quote.bid, ask: quote.ask };
  }

  modifyPosition(ticket: string, sl: number, tp: number): number {
    const position = this.positions.get(ticket);
    if (!position) return 10036;
    position.sl = sl;
    position.tp = tp;
    this.emit({ kind: 'position', deal: '0', order: '0', position: ticket, symbol: position.symbol, dealType: 'other', orderType: position.side, orderState: 'started', price: position.priceOpen, volume: position.volume, sl, tp });
    return 10009;
  }

  modifyOrder(ticket: string, changes: { price?: number; stopLimit?: number; sl?: number; tp?: number }): number {
    const order = this.orders.get(ticket);
    if (!order) return 10013;
    Object.assign(order, Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)));
    return 10009;
  }

  cancelOrder(ticket: string): number {
    const order = this.orders.get(ticket);
    if (!order) return 10013;
    this.orders.delete(ticket);
    this.emit({ kind: 'order_delete', deal: '0', order: ticket, position: '0', symbol: order.symbol, dealType: 'other', orderType: order.type, orderState: 'canceled', price: order.price, volume: order.volumeCurrent, sl: order.sl, tp: order.tp });
    return 10009;
  }

  account(): { balance: number; equity: number; margin: number; freeMargin: number; marginLevel: number } {
    let profit = 0;
    let margin = 0;
    for (const position of this.positions.values()) {
      const symbol = this.mustSymbol(position.symbol);
      profit += this.profitOf(position);
      margin += this.marginFor(symbol, position.volume, position.priceOpen);
    }
    const equity = round(this.balance + profit, 2);
    margin = round(margin, 2);
    return { balance: round(this.balance, 2), equity, margin, freeMargin: round(equity - margin, 2), marginLevel: margin > 0 ? round((equity / margin) * 100, 2) : 0 };
  }

  profitOf(position: SimPosition): number {
    const symbol = this.mustSymbol(position.symbol);
    const quote = this.quote(position.symbol);
    const current = position.side === 'buy' ? quote.bid : quote.ask;
    return round((current - position.priceOpen) * position.volume * symbol.contractSize * (position.side === 'buy' ? 1 : -1), 2);
  }

  priceCurrent(position: SimPosition): number {
    const quote = this.quote(position.symbol);
    return position.side === 'buy' ? quote.bid : quote.ask;
  }

  /** M1 bars aggregated to `minutes`, opening in [from, to]. */
  rates(name: string, minutes: number, from: number, to: number): SimBar[] {
    const out: SimBar[] = [];
    for (const bar of this.bars.get(name) ?? []) {
      const time = Math.floor(bar.time / (minutes * 60_000)) * minutes * 60_000;
      if (time < from || time > to) continue;
      const last = out.at(-1);
      if (last && last.time === time) {
        last.high = Math.max(last.high, bar.high);
        last.low = Math.min(last.low, bar.low);
        last.close = bar.close;
        last.tickVolume += bar.tickVolume;
      } else out.push({ ...bar, time });
    }
    return out;
  }

  marketOpen(symbol: SimSymbol): boolean {
    const now = new Date(this.clock());
    const seconds = now.getUTCHours() * 3600 + now.getUTCMinutes() * 60 + now.getUTCSeconds();
    return symbol.sessions.some((session) => session.day === now.getUTCDay() && seconds >= session.from && seconds < session.to);
  }

  private closePosition(request: SendRequest, symbol: SimSymbol, refuse: (retcode: number) => SendResult): SendResult {
    const position = this.positions.get(request.position!);
    if (!position) return refuse(10036);
    if (request.volume > position.volume + 1e-9) return refuse(10038);
    const quote = this.quote(symbol.name);
    const price = position.side === 'buy' ? quote.bid : quote.ask;
    const order = this.ticket();
    const deal = this.fill(symbol, request.side, request.volume, price, order, request.magic, request.comment, position);
    return { retcode: 10009, message: MESSAGES[10009]!, order, deal, volume: request.volume, price, bid: quote.bid, ask: quote.ask };
  }

  /** One deal: opens, adds to, reduces or closes a position (netting has one per symbol; hedging one per opening). */
  private fill(symbol: SimSymbol, side: Side, volume: number, price: number, order: string, magic: number, comment: string, closing?: SimPosition): string {
    const time = this.clock();
    const target = closing ?? (this.marginMode === 'netting' ? [...this.positions.values()].find((p) => p.symbol === symbol.name) : undefined);
    const deal = this.ticket();
    let entry: SimDeal['entry'] = 'in';
    let profit = 0;
    let positionId = order;
    if (!target) {
      this.positions.set(order, { ticket: order, identifier: order, symbol: symbol.name, side, volume, priceOpen: price, sl: 0, tp: 0, swap: 0, time, magic, comment });
    } else if (target.side === side) {
      positionId = target.identifier;
      target.priceOpen = round((target.priceOpen * target.volume + price * volume) / (target.volume + volume), symbol.digits + 2);
      target.volume = roundVolume(target.volume + volume, symbol);
    } else {
      positionId = target.identifier;
      const closed = Math.min(volume, target.volume);
      profit = round((price - target.priceOpen) * closed * symbol.contractSize * (target.side === 'buy' ? 1 : -1), 2);
      this.balance = round(this.balance + profit, 2);
      const left = roundVolume(target.volume - volume, symbol);
      entry = left < 0 ? 'inout' : 'out';
      if (left > 0) target.volume = left;
      else {
        this.positions.delete(target.ticket);
        // Netting: a bigger opposite deal reverses the position.
        if (left < 0) this.positions.set(target.ticket, { ...target, side, volume: -left, priceOpen: price, time });
      }
    }
    this.deals.push({ ticket: deal, order, positionId, symbol: symbol.name, type: side, entry, volume, price, commission: 0, swap: 0, profit, fee: 0, time, magic, comment });
    this.emit({ kind: 'deal_add', deal, order, position: positionId, symbol: symbol.name, dealType: side, orderType: side, orderState: 'filled', price, volume, sl: 0, tp: 0 });
    return deal;
  }

  private placePending(request: SendRequest, symbol: SimSymbol): SimOrder {
    const order: SimOrder = {
      ticket: this.ticket(), symbol: symbol.name, type: request.pendingType!, volumeInitial: request.volume, volumeCurrent: request.volume,
      price: request.price ?? 0, stopLimit: request.stopLimit ?? 0, sl: request.sl ?? 0, tp: request.tp ?? 0, time: this.clock(), magic: request.magic, comment: request.comment,
    };
    this.orders.set(order.ticket, order);
    this.emit({ kind: 'order_add', deal: '0', order: order.ticket, position: '0', symbol: symbol.name, dealType: 'other', orderType: order.type, orderState: 'placed', price: order.price, volume: order.volumeCurrent, sl: order.sl, tp: order.tp });
    return order;
  }

  private triggerPending(name: string): void {
    const quote = this.quote(name);
    const symbol = this.mustSymbol(name);
    for (const order of [...this.orders.values()]) {
      if (order.symbol !== name) continue;
      const buy = order.type.startsWith('buy');
      const reached = {
        buy_limit: quote.ask <= order.price, sell_limit: quote.bid >= order.price,
        buy_stop: quote.ask >= order.price, sell_stop: quote.bid <= order.price,
        buy_stop_limit: quote.ask >= order.price, sell_stop_limit: quote.bid <= order.price,
      }[order.type];
      if (!reached) continue;
      if (order.type.endsWith('stop_limit')) {
        // The stop reached: the order becomes a limit order at its stop-limit price.
        order.type = buy ? 'buy_limit' : 'sell_limit';
        order.price = order.stopLimit;
        order.stopLimit = 0;
        continue;
      }
      this.orders.delete(order.ticket);
      this.fill(symbol, buy ? 'buy' : 'sell', order.volumeCurrent, buy ? quote.ask : quote.bid, order.ticket, order.magic, order.comment);
    }
  }

  private marginFor(symbol: SimSymbol, volume: number, price: number): number {
    return (volume * symbol.contractSize * price) / this.leverage;
  }

  private mustSymbol(name: string): SimSymbol {
    const symbol = this.symbols.get(name);
    if (!symbol) throw new Error(`no symbol ${name}`);
    return symbol;
  }

  private ticket(): string {
    return String(this.nextTicket++);
  }

  private emit(transaction: SimTransaction): void {
    for (const listener of this.listeners) listener(transaction);
  }
}

function validVolume(symbol: SimSymbol, volume: number): boolean {
  if (!(volume >= symbol.volumeMin && volume <= symbol.volumeMax)) return false;
  const steps = volume / symbol.volumeStep;
  return Math.abs(steps - Math.round(steps)) < 1e-7;
}

function validPendingPrice(request: SendRequest, quote: { bid: number; ask: number }, distance: number): boolean {
  const price = request.price ?? 0;
  if (price <= 0) return false;
  switch (request.pendingType) {
    case 'buy_limit': return price <= quote.ask - distance;
    case 'sell_limit': return price >= quote.bid + distance;
    case 'buy_stop': case 'buy_stop_limit': return price >= quote.ask + distance && (request.pendingType === 'buy_stop' || (request.stopLimit ?? 0) > 0);
    case 'sell_stop': case 'sell_stop_limit': return price <= quote.bid - distance && (request.pendingType === 'sell_stop' || (request.stopLimit ?? 0) > 0);
    default: return false;
  }
}

export function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

function roundVolume(volume: number, symbol: SimSymbol): number {
  return round(volume, Math.max(0, Math.ceil(-Math.log10(symbol.volumeStep))));
}

/** 300 M1 bars of a gentle deterministic wave before `now`, so that `rates` has history from the first call. */
function seedBars(symbol: SimSymbol, now: number): SimBar[] {
  const minute = Math.floor(now / 60_000) * 60_000;
  const bars: SimBar[] = [];
  for (let i = 300; i >= 1; i--) {
    const mid = symbol.bid * (1 + 0.001 * Math.sin(i / 17));
    const open = round(mid, symbol.digits);
    const close = round(mid * (1 + 0.0002 * Math.cos(i / 5)), symbol.digits);
    bars.push({ time: minute - i * 60_000, open, high: Math.max(open, close), low: Math.min(open, close), close, tickVolume: 10 + (i % 7) });
  }
  return bars;
}
