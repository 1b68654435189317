// Positions and realized P&L from fills, per venue + mode + symbol, in the symbol's quote currency.
//
// Method: weighted average cost. A fill that opens or adds moves the average price; one that reduces realizes
// (price − average) × amount, and the average does not move. A fill past zero (a netting position flipped: long 1,
// sell 3 → short 2) closes the old side at its average and opens the rest at the fill's price. FIFO lots are kept
// beside the average (the CSV for taxes uses them), and each close also reports its FIFO result.
//
// Fees are converted into the quote at the fill: a fee in the quote as it is; a fee in the base at the fill's price
// (and the base fee is also a disposal of that many units, since the venue delivered less or took more); a fee in a
// third asset (BNB) through the rate given at the fill, or, with none, kept apart as "not converted" and not counted.
// A fee paid when opening stays with the position and is charged to its closes pro rata, so that a closed trade's
// result is net of both its fees, as freqtrade reports it.
import type { Trade, TradingMode, VenueId } from '../../src-shared';
import { baseOf, quoteOf } from './views';

/** A rate at the time of a fill: units of `to` per unit of `from`, or undefined when none is known. */
export type FillRate = (from: string, to: string) => number | undefined;

export interface Lot {
  /** Signed like the position: positive for a long lot. */
  quantity: number;
  price: number;
  at: number;
}

export interface PositionState {
  venue: VenueId;
  mode: TradingMode;
  symbol: string;
  base: string;
  quote: string;
  /** Signed base units: negative for a short (netting) position. */
  quantity: number;
  averagePrice: number;
  /** Lots, oldest first, the consumed ones at the front until they are dropped: read open lots through `lots()`. */
  lots: Lot[];
  /** Fees of the open part not yet charged to a close, in the quote. */
  openFees: number;
  /** Realized P&L net of fees, average-cost method, in the quote. */
  realized: number;
  /** Realized P&L net of fees, FIFO method, in the quote. */
  realizedFifo: number;
  /** Every fee paid, converted into the quote. */
  fees: number;
  /** Fees with no rate at the fill, by asset: not counted in P&L, shown apart. */
  unconvertedFees: Record<string, number>;
  trades: number;
}

/** What one fill did: every fill gives one, a fill that reduced a position is a closed trade (`closed` > 0). */
export interface FillResult {
  tradeId: string;
  venue: VenueId;
  mode: TradingMode;
  symbol: string;
  quote: string;
  side: Trade['side'];
  price: number;
  amount: number;
  at: number;
  /** Base units this fill closed (0 when it only opened or added). */
  closed: number;
  /** Average cost of what it closed (0 when it closed nothing). */
  costPrice: number;
  /** Result of the close, net of the fees charged to it, average cost, in the quote. */
  pnl: number;
  /** The same by FIFO lots. */
  pnlFifo: number;
  /** This fill's own fee in the quote (0 when it could not be converted). */
  fee: number;
  /** A fee that could not be converted: its asset and amount. */
  unconvertedFee?: { asset: string; amount: number };
}

const EPSILON = 1e-12;

/** A position and where its open lots start (lots before `lotHead` are consumed, dropped now and then). */
interface Book extends PositionState {
  lotHead: number;
}

/** One venue and mode: its positions by symbol, and the trade ids applied live (a fill seen twice counts once). */
interface Account {
  books: Map<string, Book>;
  seen: Set<string>;
}

export class PositionLedger {
  // Nested by venue then mode rather than keyed `venue|mode`: a rebuild looks an account up once per fill, and building
  // a key string each time was a good share of it.
  private readonly accounts = new Map<VenueId, Map<TradingMode, Account>>();

  /** Applies one fill; undefined when this fill was already applied. */
  apply(trade: Trade, rate: FillRate = () => undefined): FillResult | undefined {
    const account = this.account(trade.venue, trade.mode);
    if (account.seen.has(trade.id)) return undefined;
    account.seen.add(trade.id);
    return this.applyTo(account, trade, rate);
  }

  /**
   * Applies a fill read from the order journal, whose primary key already makes each fill unique: its id is not
   * remembered, which on a long history is a good share of the rebuild. The caller guards against a later `apply`
   * of the same fill.
   */
  replay(trade: Trade, rate: FillRate = () => undefined): FillResult {
    return this.applyTo(this.account(trade.venue, trade.mode), trade, rate);
  }

  private applyTo(account: Account, trade: Trade, rate: FillRate): FillResult {
    const book = account.books.get(trade.symbol) ?? this.open(account, trade);
    book.trades += 1;
    // The book's names, not the fill's: every fill read from SQLite brings its own copies of the same strings, and a
    // result kept for the ledger would keep them alive.
    const result: FillResult = {
      tradeId: trade.id,
      venue: book.venue,
      mode: book.mode,
      symbol: book.symbol,
      quote: book.quote,
      side: trade.side,
      price: trade.price,
      amount: trade.amount,
      at: trade.timestamp,
      closed: 0,
      costPrice: 0,
      pnl: 0,
      pnlFifo: 0,
      fee: 0,
    };
    const fee = this.feeInQuote(trade, book, rate, result);
    const signed = trade.side === 'buy' ? trade.amount : -trade.amount;
    // The share of this fill's fee that belongs to what it closes; the rest stays with what it opens.
    const closing = this.reduce(book, signed, trade.price, result);
    const closingFee = trade.amount > 0 ? (fee * closing) / trade.amount : 0;
    result.pnl -= closingFee;
    result.pnlFifo -= closingFee;
    book.openFees += fee - closingFee;
    // A base fee: the venue delivered (or took) that many units more: a disposal at the fill's price.
    if (trade.fee !== undefined && trade.fee > 0 && trade.feeAsset === book.base) {
      this.disposeFee(book, trade.fee, trade.price, result);
    }
    book.realized += result.pnl;
    book.realizedFifo += result.pnlFifo;
    return result;
  }

  positions(): PositionState[] {
    const list: PositionState[] = [];
    for (const modes of this.accounts.values()) for (const account of modes.values()) list.push(...account.books.values());
    return list;
  }

  get(venue: VenueId, mode: TradingMode, symbol: string): PositionState | undefined {
    return this.accounts.get(venue)?.get(mode)?.books.get(symbol);
  }

  /** Open lots of a position, oldest first (copies). */
  lots(venue: VenueId, mode: TradingMode, symbol: string): Lot[] {
    const book = this.accounts.get(venue)?.get(mode)?.books.get(symbol);
    return book ? book.lots.slice(book.lotHead).map((lot) => ({ ...lot })) : [];
  }

  private account(venue: VenueId, mode: TradingMode): Account {
    let modes = this.accounts.get(venue);
    if (!modes) this.accounts.set(venue, (modes = new Map()));
    let account = modes.get(mode);
    if (!account) modes.set(mode, (account = { books: new Map(), seen: new Set() }));
    return account;
  }

  private open(account: Account, trade: Trade): Book {
    const book: Book = {
      venue: trade.venue,
      mode: trade.mode,
      symbol: trade.symbol,
      base: baseOf(trade.symbol),
      quote: quoteOf(trade.symbol),
      quantity: 0,
      averagePrice: 0,
      lots: [],
      openFees: 0,
      realized: 0,
      realizedFifo: 0,
      fees: 0,
      unconvertedFees: {},
      trades: 0,
      lotHead: 0,
    };
    account.books.set(trade.symbol, book);
    return book;
  }

  private feeInQuote(trade: Trade, book: Book, rate: FillRate, result: FillResult): number {
    const { fee, feeAsset } = trade;
    if (fee === undefined || fee === 0) return 0;
    let value: number | undefined;
    if (feeAsset === undefined || feeAsset === book.quote) value = fee;
    else if (feeAsset === book.base) value = fee * trade.price;
    else {
      const r = rate(feeAsset, book.quote);
      value = r === undefined ? undefined : fee * r;
    }
    if (value === undefined) {
      const asset = feeAsset ?? '?';
      book.unconvertedFees[asset] = (book.unconvertedFees[asset] ?? 0) + fee;
      result.unconvertedFee = { asset, amount: fee };
      return 0;
    }
    book.fees += value;
    result.fee = value;
    return value;
  }

  /** Moves the position by `signed` base units at `price`; returns how much of it closed the existing side. */
  private reduce(book: Book, signed: number, price: number, result: FillResult): number {
    const held = book.quantity;
    if (Math.abs(held) < EPSILON || Math.sign(held) === Math.sign(signed)) {
      const size = Math.abs(held);
      const amount = Math.abs(signed);
      book.averagePrice = (size * book.averagePrice + amount * price) / (size + amount);
      book.quantity = held + signed;
      book.lots.push({ quantity: signed, price, at: result.at });
      return 0;
    }
    const closed = Math.min(Math.abs(signed), Math.abs(held));
    const direction = Math.sign(held);
    const feeShare = (book.openFees * closed) / Math.abs(held);
    book.openFees -= feeShare;
    const gross = closed * (price - book.averagePrice) * direction;
    result.costPrice = result.closed > 0 ? (result.costPrice * result.closed + book.averagePrice * closed) / (result.closed + closed) : book.averagePrice;
    result.closed += closed;
    result.pnl += gross - feeShare;
    result.pnlFifo += this.consumeLots(book, closed, price, direction) - feeShare;
    const rest = Math.abs(signed) - closed;
    book.quantity = held + (direction > 0 ? -closed : closed);
    if (Math.abs(book.quantity) < EPSILON) {
      book.quantity = 0;
      book.averagePrice = 0;
      book.openFees = 0;
    }
    if (rest > EPSILON) {
      // Past zero: what is left opens the other side at this fill's price.
      const opened = Math.sign(signed) * rest;
      book.quantity = opened;
      book.averagePrice = price;
      book.lots.push({ quantity: opened, price, at: result.at });
    }
    return closed;
  }

  /**
   * A fee paid in the base leaves the position smaller by that many units, valued at the fill's price: the fee's
   * value is already counted as a fee, so only the difference to their cost is realized, and it is no closed trade.
   */
  private disposeFee(book: Book, units: number, price: number, result: FillResult): void {
    const held = book.quantity;
    if (Math.abs(held) < EPSILON) return;
    const direction = Math.sign(held);
    const taken = Math.min(units, Math.abs(held));
    result.pnl += taken * (price - book.averagePrice) * direction;
    result.pnlFifo += this.consumeLots(book, taken, price, direction);
    book.quantity = held - direction * taken;
    if (Math.abs(book.quantity) < EPSILON) {
      book.quantity = 0;
      book.averagePrice = 0;
    }
  }

  /** Takes `closed` units from the oldest lots; the FIFO result (gross) of that. */
  private consumeLots(book: Book, closed: number, price: number, direction: number): number {
    let head = book.lotHead;
    let left = closed;
    let pnl = 0;
    while (left > EPSILON && head < book.lots.length) {
      const lot = book.lots[head]!;
      const size = Math.abs(lot.quantity);
      const take = Math.min(size, left);
      pnl += take * (price - lot.price) * direction;
      left -= take;
      if (take >= size - EPSILON) head += 1;
      else lot.quantity = Math.sign(lot.quantity) * (size - take);
    }
    // Drop consumed lots now and then, not at every close: shifting a long array at each fill would be quadratic.
    if (head > 64 && head * 2 > book.lots.length) {
      book.lots.splice(0, head);
      head = 0;
    }
    book.lotHead = head;
    return pnl;
  }
}
