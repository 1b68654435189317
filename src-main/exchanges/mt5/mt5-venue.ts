// One MetaTrader 5 account (one login) behind the venue port, so the order service, journal and resolver treat it
// like any exchange. Orders never duplicate: the order service journals the client order id before createOrder; a
// reply lost, a dropped bridge or an "unknown" retcode rejects with a code the service resolves through
// fetchOrderByClientId (the EA's `find`), never by sending again.
import { randomBytes } from 'node:crypto';
import {
  AppError,
  timeframeMs,
  type Balance,
  type Candle,
  type ClosedPosition,
  type Deal,
  type Market,
  type Order,
  type OrderRequest,
  type Position,
  type Symbol,
  type Ticker,
  type Timeframe,
  type Trade,
} from '../../../src-shared';
import type { CandleQuery, PositionAccount, PositionProtection, TradingVenue } from '../ports';
import { BridgeError } from './bridge-error';
import { MT5_TIMEFRAMES as TIMEFRAMES } from './live-source';
import { orderFromFind, orderFromResult } from './order-mapping';
import { toDeal, toPosition, type AccountContext } from './position-mapping';
import type { CommandArgs, Mt5Symbol, TradeResult } from './protocol';
import { retcodeOutcome } from './retcodes';
import type { Mt5Session } from './session';
import { toMarket, uniqueSymbols } from './symbol-names';

/** Bridge failures after which a close may or may not have happened: resolved by `find`, never sent again. */
const IN_DOUBT = new Set(['timeout', 'disconnected', 'in_doubt', 'internal']);
/** How a close in doubt is resolved: `find` this many times, this far apart (the terminal may be reconnecting). */
const FIND_ATTEMPTS = 10;
const FIND_EVERY_MS = 1_000;
const DEALS_SHOWN = 500;

export interface Mt5VenueOptions {
  login: string;
  /** The live session of that login, or undefined while the terminal is away (it may come back any time). */
  session: (login: string) => Mt5Session | undefined;
  now?: () => number;
  /** Deadline of order_send; past it the order is unknown and resolved by `find` (default: the session's 30 s). */
  orderTimeoutMs?: number;
}

export class Mt5Venue implements TradingVenue, PositionAccount {
  readonly id = 'mt5' as const;
  readonly venue = 'mt5' as const;
  private readonly now: () => number;
  private symbols: Map<Symbol, Mt5Symbol> | undefined;

  constructor(private readonly options: Mt5VenueOptions) {
    this.now = options.now ?? Date.now;
  }

  async markets(): Promise<Market[]> {
    const currency = this.options.session(this.options.login)?.terminal.currency;
    return [...(await this.loadSymbols(true))].map(([unified, symbol]) => toMarket(symbol, currency, unified));
  }

  /**
   * The newest close the terminal has: the last minute's, else (a quiet symbol, a session break, a weekend) the last
   * hour's or day's, so that a closed market still shows its last price rather than none.
   */
  async ticker(symbol: Symbol): Promise<Ticker> {
    for (const [timeframe, limit] of [['1m', 1], ['1h', 1], ['1d', 3]] as const) {
      const [last] = (await this.candles(symbol, timeframe, { limit })).slice(-1);
      if (last) return { venue: 'mt5', symbol, last: last.close, timestamp: last.time };
    }
    throw new AppError('NOT_FOUND', `MetaTrader 5 has no price for ${symbol} in the last 9 days: is it shown in the terminal's Market Watch?`);
  }

  async candles(symbol: Symbol, timeframe: Timeframe, query: CandleQuery): Promise<Candle[]> {
    const session = this.session();
    const name = (await this.symbolOf(symbol)).name;
    const offset = session.serverOffsetMs;
    const to = (query.before ?? this.now() + timeframeMs(timeframe)) + offset - 1;
    const from = to - query.limit * timeframeMs(timeframe) * 3; // weekends and session breaks leave gaps
    const { bars } = await session.request('rates', { symbol: name, timeframe: TIMEFRAMES[timeframe], from, to });
    return bars
      .filter((bar) => bar.open > 0 && bar.high > 0 && bar.low > 0 && bar.close > 0)
      .map((bar) => ({ time: bar.time - offset, open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.tickVolume }))
      .filter((bar) => query.before === undefined || bar.time < query.before)
      .slice(-query.limit);
  }

  /** Balance, equity and margin as one Balance in the account currency: total = equity, used = margin. */
  async balance(): Promise<Balance[]> {
    const account = await this.session().request('account', {});
    const total = Math.max(0, account.equity);
    return [{ venue: 'mt5', asset: account.currency, free: Math.max(0, account.freeMargin), used: Math.max(0, account.margin), total }];
  }

  async createOrder(request: OrderRequest, clientOrderId: string): Promise<Order> {
    const symbol = await this.symbolOf(request.symbol);
    const session = this.session();
    const args: CommandArgs<'order_send'> = { cid: clientOrderId, symbol: symbol.name, side: request.side, orderType: 'market', volume: request.amount };
    if (request.type === 'limit') Object.assign(args, { orderType: 'limit', price: request.price });
    // MT5's stop-limit: `price` is the trigger, `stopLimit` the limit price of the order it becomes.
    if (request.type === 'stop-limit') Object.assign(args, { orderType: 'stop_limit', price: request.stopPrice, stopLimit: request.price });
    const result = await session.request('order_send', args, this.options.orderTimeoutMs);
    const outcome = retcodeOutcome(result.retcode, result.message, symbol);
    if (outcome.kind !== 'accepted') throw outcome.error;
    return orderFromResult(request, result, outcome.placed, { symbol: request.symbol, clientOrderId, serverOffsetMs: session.serverOffsetMs, now: this.now() });
  }

  async fetchOrderByClientId(symbol: Symbol, clientOrderId: string): Promise<Order | undefined> {
    const session = this.session();
    const found = await session.request('find', { cid: clientOrderId });
    const refused = found.result ? retcodeOutcome(found.result.retcode, found.result.message, this.symbols?.get(symbol)) : undefined;
    const reason = refused?.kind === 'refused' ? refused.error.message : undefined;
    return orderFromFind(found, { symbol, clientOrderId, serverOffsetMs: session.serverOffsetMs, now: this.now() }, reason);
  }

  async fetchOrder(symbol: Symbol, exchangeOrderId: string): Promise<Order> {
    const open = (await this.openOrders(symbol)).find((order) => order.exchangeOrderId === exchangeOrderId);
    if (open) return open;
    const session = this.session();
    const { deals } = await session.request('deals', { from: 0, to: this.now() + session.serverOffsetMs + 86_400_000 });
    const cid = deals.find((deal) => deal.order === exchangeOrderId)?.comment.replace(/^tbs:/, '');
    const order = cid ? await this.fetchOrderByClientId(symbol, cid) : undefined;
    if (!order) throw new AppError('NOT_FOUND', `MetaTrader 5 has no order ${exchangeOrderId}`);
    return order;
  }

  async cancelOrder(symbol: Symbol, exchangeOrderId: string): Promise<Order> {
    const before = await this.fetchOrder(symbol, exchangeOrderId);
    const { retcode, message } = await this.session().request('cancel', { ticket: exchangeOrderId });
    const outcome = retcodeOutcome(retcode, message, this.symbols?.get(symbol));
    if (outcome.kind !== 'accepted') throw outcome.error;
    return { ...before, status: 'cancelled', updatedAt: this.now() };
  }

  async openOrders(symbol?: Symbol): Promise<Order[]> {
    const session = this.session();
    const name = symbol ? (await this.symbolOf(symbol)).name : undefined;
    const { orders } = await session.request('orders', name ? { symbol: name } : {});
    const symbols = await this.loadSymbols(false);
    const byName = new Map([...symbols].map(([unified, s]) => [s.name, unified]));
    return orders.flatMap((order) => {
      const unified = byName.get(order.symbol);
      if (!unified) return [];
      const found = orderFromFind({ cid: 'x', state: 'done', result: null, orders: [order], positions: [], deals: [] }, { symbol: unified, clientOrderId: order.comment.replace(/^tbs:/, '') || order.ticket, serverOffsetMs: session.serverOffsetMs, now: this.now() });
      return found ? [found] : [];
    });
  }

  async myTrades(symbol: Symbol, since?: number): Promise<Trade[]> {
    const session = this.session();
    const name = (await this.symbolOf(symbol)).name;
    const offset = session.serverOffsetMs;
    const { deals } = await session.request('deals', { symbol: name, from: (since ?? 0) + offset, to: this.now() + offset + 60_000 });
    return deals
      .filter((deal) => (deal.type === 'buy' || deal.type === 'sell') && deal.volume > 0 && deal.price > 0)
      .map((deal) => ({
        id: deal.ticket,
        venue: 'mt5' as const,
        mode: 'live' as const,
        symbol,
        side: deal.type === 'sell' ? ('sell' as const) : ('buy' as const),
        price: deal.price,
        amount: deal.volume,
        fee: Math.abs(deal.commission + deal.fee) || undefined,
        clientOrderId: deal.comment.startsWith('tbs:') ? deal.comment.slice(4) : undefined,
        timestamp: Math.max(0, deal.time - offset),
      }));
  }

  get account(): string {
    return this.options.login;
  }

  async positions(): Promise<Position[]> {
    const session = this.session();
    const { positions } = await session.request('positions', {});
    const context = await this.accountContext(session);
    return positions.flatMap((position) => toPosition(position, context) ?? []);
  }

  async closePosition(id: string, volume?: number): Promise<ClosedPosition> {
    const session = this.session();
    const before = (await session.request('positions', {})).positions.find((position) => position.ticket === id);
    if (!before) throw new AppError('NOT_FOUND', `MetaTrader 5 (${this.options.login}) has no open position ${id}: it may have been closed already.`);
    if (volume !== undefined && volume > before.volume + 1e-9) {
      throw new AppError('INVALID_REQUEST', `Cannot close ${volume} lots of position ${id}: it holds ${before.volume}.`);
    }
    const context = await this.accountContext(session);
    const symbol = this.symbolNamed(before.symbol);
    const cid = this.newClientOrderId();
    const partial = volume !== undefined && volume < before.volume - 1e-9;
    let result: TradeResult;
    try {
      result = await session.request('close', { ticket: id, cid, ...(partial ? { volume } : {}) }, this.options.orderTimeoutMs);
    } catch (error) {
      if (!(error instanceof BridgeError) || !IN_DOUBT.has(error.failure)) throw error;
      result = await this.resolveClose(cid);
    }
    if (retcodeOutcome(result.retcode, result.message, symbol).kind === 'unknown') result = await this.resolveClose(cid);
    const outcome = retcodeOutcome(result.retcode, result.message, symbol);
    if (outcome.kind !== 'accepted') throw outcome.error;
    const closed = result.volume > 0 ? result.volume : partial ? volume! : before.volume;
    const price = [result.price, before.priceCurrent, before.priceOpen].find((p) => p > 0)!;
    return { venue: 'mt5', account: this.options.login, id, symbol: context.symbolOf(before.symbol), volume: closed, price, remaining: Math.max(0, Number((before.volume - closed).toFixed(8))) };
  }

  async modifyPosition(id: string, protection: PositionProtection): Promise<Position> {
    const session = this.session();
    const current = (await session.request('positions', {})).positions.find((position) => position.ticket === id);
    if (!current) throw new AppError('NOT_FOUND', `MetaTrader 5 (${this.options.login}) has no open position ${id}: it may have been closed already.`);
    // MT5 reads 0 as "none": null removes a level, absent keeps the current one.
    const level = (wanted: number | null | undefined, now: number) => (wanted === undefined ? now : (wanted ?? 0));
    const { retcode, message } = await session.request('modify', { target: 'position', ticket: id, sl: level(protection.stopLoss, current.sl), tp: level(protection.takeProfit, current.tp) });
    const symbol = this.symbolNamed(current.symbol);
    // 10025: nothing to change (the levels were already those): the position is as asked.
    if (retcode !== 10025) {
      const outcome = retcodeOutcome(retcode, message, symbol);
      if (outcome.kind !== 'accepted') throw outcome.error;
    }
    const after = (await this.positions()).find((position) => position.id === id);
    if (!after) throw new AppError('NOT_FOUND', `Position ${id} closed while its stop loss and take profit were changed.`);
    return after;
  }

  async deals(since: number): Promise<Deal[]> {
    const session = this.session();
    const offset = session.serverOffsetMs;
    const { deals } = await session.request('deals', { from: since + offset, to: this.now() + offset + 60_000 });
    const context = await this.accountContext(session);
    return deals
      .flatMap((deal) => toDeal(deal, context) ?? [])
      .sort((a, b) => b.time - a.time)
      .slice(0, DEALS_SHOWN);
  }

  /** The app's symbol of a terminal symbol name (EURUSD.m → EUR/USD), for the live source and positions. */
  async nameOf(symbol: Symbol): Promise<string> {
    return (await this.symbolOf(symbol)).name;
  }

  /** 16 characters of [A-Za-z0-9_-]: `tbs:` + id fits MT5's 31-character order comment. */
  newClientOrderId(): string {
    return randomBytes(12).toString('base64url');
  }

  /**
   * A close whose answer was lost or unclear: what the terminal knows of its client order id, asked until it knows.
   * A deal carrying the id means it closed (that much, at that price); none, once the terminal is sure, means it did
   * not, and the position is as it was.
   */
  private async resolveClose(cid: string): Promise<TradeResult> {
    for (let attempt = 1; attempt <= FIND_ATTEMPTS; attempt++) {
      const session = this.options.session(this.options.login);
      if (session?.open) {
        try {
          const found = await session.request('find', { cid });
          const deals = found.deals.filter((deal) => (deal.type === 'buy' || deal.type === 'sell') && deal.volume > 0);
          if (deals.length > 0) {
            const volume = deals.reduce((sum, deal) => sum + deal.volume, 0);
            const price = deals.reduce((sum, deal) => sum + deal.price * deal.volume, 0) / volume;
            return { cid, retcode: 10009, message: 'found by its client order id', order: deals[0]!.order, deal: deals[0]!.ticket, volume, price, bid: 0, ask: 0, replayed: true };
          }
          const settled = found.result && retcodeOutcome(found.result.retcode, found.result.message).kind !== 'unknown';
          if (found.state === 'done' && settled) return found.result!;
          if (found.state !== 'in_doubt') {
            throw new AppError('ORDER_REJECTED', 'The close did not reach the trade server, so the position is still open: close it again.');
          }
        } catch (error) {
          if (!(error instanceof BridgeError)) throw error;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, FIND_EVERY_MS));
    }
    throw new AppError('TIMEOUT', `MetaTrader 5 (${this.options.login}) did not confirm the close in time: check the position in Positions before acting again.`);
  }

  /** The loaded symbol of a terminal name, for the limits a refusal quotes; undefined before symbols are loaded. */
  private symbolNamed(name: string): Mt5Symbol | undefined {
    return [...(this.symbols?.values() ?? [])].find((symbol) => symbol.name === name);
  }

  private async accountContext(session: Mt5Session): Promise<AccountContext> {
    const symbols = await this.loadSymbols(false).catch(() => new Map<Symbol, Mt5Symbol>());
    const byName = new Map([...symbols].map(([unified, s]) => [s.name, unified]));
    const currency = session.terminal.currency;
    return {
      login: this.options.login,
      currency,
      serverOffsetMs: session.serverOffsetMs,
      symbolOf: (name) => byName.get(name) ?? `${name.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 20) || 'MT5'}/${currency || 'USD'}`,
    };
  }

  private session(): Mt5Session {
    const session = this.options.session(this.options.login);
    if (!session?.open) throw new AppError('VENUE_UNAVAILABLE', `MetaTrader 5 (${this.options.login}) is not connected: start the terminal with the TradingAppBridge EA attached.`);
    return session;
  }

  private async loadSymbols(refresh: boolean): Promise<Map<Symbol, Mt5Symbol>> {
    if (this.symbols && !refresh) return this.symbols;
    const { symbols } = await this.session().request('symbols', {});
    this.symbols = uniqueSymbols(symbols);
    return this.symbols;
  }

  private async symbolOf(symbol: Symbol): Promise<Mt5Symbol> {
    const found = (await this.loadSymbols(false)).get(symbol) ?? (await this.loadSymbols(true)).get(symbol);
    if (!found) throw new AppError('NOT_FOUND', `MetaTrader 5 (${this.options.login}) has no symbol ${symbol} in Market Watch`);
    return found;
  }
}
