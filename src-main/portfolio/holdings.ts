// What each account holds, per asset: the venue's balances when it has reported them, moved by every fill since
// (base in, quote out, fee out). When a balance report differs from what the fills explain, the difference is a
// deposit or a withdrawal: recorded as a transfer, kept apart from P&L, so that money sent in never reads as profit.
import type { Balance, Trade, TradingMode, VenueId } from '../../src-shared';
import { baseOf, quoteOf } from './views';

export interface Transfer {
  venue: VenueId;
  mode: TradingMode;
  asset: string;
  /** Positive: a deposit; negative: a withdrawal. */
  amount: number;
  at: number;
}

export interface Holding {
  venue: VenueId;
  mode: TradingMode;
  asset: string;
  amount: number;
}

interface Account {
  venue: VenueId;
  mode: TradingMode;
  assets: Map<string, number>;
  /** Whether the venue has reported balances yet: before that, nothing can be told apart from a transfer. */
  reported: boolean;
}

/** A difference smaller than this share of the amount is rounding, not a transfer. */
const TOLERANCE = 1e-8;

export class Holdings {
  /** By venue, then mode (no key string built per fill: a rebuild applies a hundred thousand). */
  private readonly accounts = new Map<VenueId, Map<TradingMode, Account>>();

  applyTrade(trade: Trade): void {
    const account = this.account(trade.venue, trade.mode);
    const signed = trade.side === 'buy' ? trade.amount : -trade.amount;
    add(account, baseOf(trade.symbol), signed);
    const quote = quoteOf(trade.symbol);
    if (quote) add(account, quote, -signed * trade.price);
    if (trade.fee !== undefined && trade.fee > 0) add(account, trade.feeAsset ?? quote, -trade.fee);
  }

  /**
   * The venue's balances now: they become the holdings, and what the fills since the last report do not explain is
   * returned as transfers. The first report of an account is its opening balance, not a transfer.
   */
  applyBalances(venue: VenueId, mode: TradingMode, balances: readonly Balance[], at: number): Transfer[] {
    const account = this.account(venue, mode);
    const observed = new Map<string, number>();
    for (const balance of balances) observed.set(balance.asset, (observed.get(balance.asset) ?? 0) + balance.total);
    const transfers: Transfer[] = [];
    if (account.reported) {
      for (const asset of new Set([...account.assets.keys(), ...observed.keys()])) {
        const expected = account.assets.get(asset) ?? 0;
        const seen = observed.get(asset) ?? 0;
        const delta = seen - expected;
        if (Math.abs(delta) > TOLERANCE * Math.max(1, Math.abs(expected), Math.abs(seen))) {
          transfers.push({ venue, mode, asset, amount: tidy(delta), at });
        }
      }
    }
    account.assets = observed;
    account.reported = true;
    return transfers;
  }

  /** Replaces an account's holdings with saved ones (a restart): the base the fills since then move. */
  restore(venue: VenueId, mode: TradingMode, assets: ReadonlyMap<string, number>): void {
    const account = this.account(venue, mode);
    account.assets = new Map(assets);
    account.reported = true;
  }

  list(filter: (venue: VenueId, mode: TradingMode) => boolean = () => true): Holding[] {
    const holdings: Holding[] = [];
    for (const account of [...this.accounts.values()].flatMap((modes) => [...modes.values()])) {
      if (!filter(account.venue, account.mode)) continue;
      for (const [asset, amount] of account.assets) {
        const value = tidy(amount);
        if (value !== 0) holdings.push({ venue: account.venue, mode: account.mode, asset, amount: value });
      }
    }
    return holdings;
  }

  private account(venue: VenueId, mode: TradingMode): Account {
    let modes = this.accounts.get(venue);
    if (!modes) this.accounts.set(venue, (modes = new Map()));
    let account = modes.get(mode);
    if (!account) modes.set(mode, (account = { venue, mode, assets: new Map(), reported: false }));
    return account;
  }
}

function add(account: Account, asset: string, amount: number): void {
  account.assets.set(asset, (account.assets.get(asset) ?? 0) + amount);
}

/** 15 significant digits: what a double holds exactly, so sums of fills lose their binary noise (0.30000000000000004). */
export function tidy(value: number): number {
  const rounded = Number(value.toPrecision(15));
  return Math.abs(rounded) < 1e-12 ? 0 : rounded;
}
