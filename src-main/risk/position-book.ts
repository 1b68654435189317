// Positions and P&L derived from fills, per venue + mode + symbol. Average cost: a fill that adds to a position moves
// its average price; one that reduces it realizes (price − average) × amount. For the daily loss each position also
// keeps a "day basis": at the daily reset it restarts from the last price seen, so that today's P&L is what changed
// today — realized since the reset plus the move of open positions since then — not the lifetime P&L of old ones.
import type { Ticker, Trade, TradingMode, VenueId } from '../../src-shared';
import { dayStart } from './daily-window';

export interface Position {
  venue: VenueId;
  mode: TradingMode;
  symbol: string;
  /** Base units; negative when more was sold than bought. */
  quantity: number;
  averagePrice: number;
  /** Last price seen (ticker or fill). */
  mark: number | undefined;
  realizedToday: number;
  unrealizedToday: number;
}

interface Book {
  venue: VenueId;
  mode: TradingMode;
  symbol: string;
  quantity: number;
  averagePrice: number;
  dayBasis: number;
  realizedToday: number;
  mark: number | undefined;
  dayStart: number;
}

const EPSILON = 1e-12;
const key = (venue: string, mode: string, symbol: string): string => `${venue}|${mode}|${symbol}`;
const quoteOf = (symbol: string): string => symbol.split('/')[1] ?? '';

export class PositionBook {
  private readonly books = new Map<string, Book>();
  /** Trade ids already applied: a fill seen on the bus and again in the journal counts once. */
  private readonly seen = new Set<string>();

  constructor(private readonly resetUtc: () => string) {}

  applyTrade(trade: Trade): void {
    const tradeKey = `${trade.venue}|${trade.mode}|${trade.id}`;
    if (this.seen.has(tradeKey)) return;
    this.seen.add(tradeKey);
    const book = this.book(trade.venue, trade.mode, trade.symbol, trade.timestamp);
    const signed = trade.side === 'buy' ? trade.amount : -trade.amount;
    const { quantity } = book;
    if (Math.abs(quantity) < EPSILON || Math.sign(quantity) === Math.sign(signed)) {
      const size = Math.abs(quantity);
      book.averagePrice = (size * book.averagePrice + trade.amount * trade.price) / (size + trade.amount);
      book.dayBasis = (size * book.dayBasis + trade.amount * trade.price) / (size + trade.amount);
      book.quantity = quantity + signed;
    } else {
      const closed = Math.min(trade.amount, Math.abs(quantity));
      book.realizedToday += closed * (trade.price - book.dayBasis) * Math.sign(quantity);
      book.quantity = quantity + signed;
      if (Math.abs(book.quantity) < EPSILON) book.quantity = 0;
      // Past zero the position flips: what is left opened at this fill's price.
      if (Math.sign(book.quantity) === Math.sign(signed) && book.quantity !== 0) {
        book.averagePrice = trade.price;
        book.dayBasis = trade.price;
      }
    }
    // A fee paid in the quote currency is money lost; one paid in the base shrinks what was received (the venue's
    // balance shows it), which the position leaves out: it tracks what was traded.
    if (trade.fee !== undefined && trade.feeAsset === quoteOf(trade.symbol)) book.realizedToday -= trade.fee;
    book.mark = trade.price;
  }

  mark(ticker: Ticker, modes: readonly TradingMode[]): void {
    for (const mode of modes) {
      const book = this.books.get(key(ticker.venue, mode, ticker.symbol));
      if (!book) continue;
      this.roll(book, ticker.timestamp);
      book.mark = ticker.last;
    }
  }

  /** Sets the mark of one position from a price known some other way (the order's reference price). */
  markPrice(venue: VenueId, mode: TradingMode, symbol: string, price: number, at: number): void {
    const book = this.books.get(key(venue, mode, symbol));
    if (!book) return;
    this.roll(book, at);
    book.mark = price;
  }

  quantity(venue: VenueId, mode: TradingMode, symbol: string): number {
    return this.books.get(key(venue, mode, symbol))?.quantity ?? 0;
  }

  /** Every position of a mode (of one venue when given), rolled to the risk day of `now`. */
  positions(now: number, filter: { mode: TradingMode; venue?: VenueId }): Position[] {
    const list: Position[] = [];
    for (const book of this.books.values()) {
      if (book.mode !== filter.mode || (filter.venue !== undefined && book.venue !== filter.venue)) continue;
      this.roll(book, now);
      const unrealized = book.mark === undefined || book.quantity === 0 ? 0 : book.quantity * (book.mark - book.dayBasis);
      list.push({
        venue: book.venue,
        mode: book.mode,
        symbol: book.symbol,
        quantity: book.quantity,
        averagePrice: book.averagePrice,
        mark: book.mark,
        realizedToday: book.realizedToday,
        unrealizedToday: unrealized,
      });
    }
    return list;
  }

  private book(venue: VenueId, mode: TradingMode, symbol: string, at: number): Book {
    const k = key(venue, mode, symbol);
    let book = this.books.get(k);
    if (!book) {
      book = { venue, mode, symbol, quantity: 0, averagePrice: 0, dayBasis: 0, realizedToday: 0, mark: undefined, dayStart: dayStart(at, this.resetUtc()) };
      this.books.set(k, book);
    }
    this.roll(book, at);
    return book;
  }

  /** A new risk day: today's realized P&L restarts at zero and open positions are valued from the last price seen. */
  private roll(book: Book, at: number): void {
    const start = dayStart(at, this.resetUtc());
    if (start <= book.dayStart) return;
    book.dayStart = start;
    book.realizedToday = 0;
    book.dayBasis = book.mark ?? book.averagePrice;
  }
}
