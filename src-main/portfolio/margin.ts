// Margin accounts (MetaTrader 5 logins) in the portfolio. Their money is not coins bought with cash: a buy opens a
// position on margin and the cash moves only by what it gains or loses. So the mt5 view is not built from fills and
// balances like a spot account; it takes the terminal's own figures, which already hold the contract size, the tick
// value and the conversion into the account currency:
// - cash: each login's balance; equity: the balance plus the open positions' floating profit and swap;
// - open positions: the terminal's, with their floating profit and swap (manual trades made in the terminal too);
// - realized P&L, fees and statistics: the deals, each closing deal's profit + swap + commission.
// Everything is in the account currency, converted into the reporting currency like any other amount.
import type { Deal, Position, VenueId } from '../../src-shared';
import { tidy } from './holdings';
import type { FillResult } from './ledger';

/** A margin account as its venue reports it (a port: the MT5 bridge lives in src-main/accounts). */
export interface MarginAccount {
  readonly venue: VenueId;
  readonly account: string;
  readonly currency: string;
  readonly balance: number;
  positions(): Promise<Position[]>;
  /** Trading deals since `since` (UTC ms), any order. */
  deals(since: number): Promise<Deal[]>;
}

export interface MarginAccountState {
  venue: VenueId;
  account: string;
  currency: string;
  balance: number;
  positions: Position[];
}

export interface PositionDeals {
  realized: number;
  fees: number;
  deals: number;
}

/** Deals are asked again this far back of the newest one seen: a deal the terminal reports late is not missed. */
const DEAL_OVERLAP_MS = 60_000;

export class MarginBook {
  private states = new Map<string, MarginAccountState>();
  private readonly deals = new Map<string, FillResult>();
  /** What the deals of each position (by venue, account and ticket) realized so far, for the positions table. */
  private readonly byPosition = new Map<string, PositionDeals>();
  private readonly newestDeal = new Map<string, number>();
  private sorted: FillResult[] = [];
  private refreshing: Promise<void> | undefined;
  /** A read asked for while one runs: it follows that one, since what changed may have come after its start. */
  private queued: { accounts: readonly MarginAccount[]; now: number; done: Promise<void> } | undefined;
  refreshedAt = Number.NEGATIVE_INFINITY;

  /** Reads every account's positions and new deals; calls during a read share one more read after it. */
  refresh(accounts: readonly MarginAccount[], now: number): Promise<void> {
    if (!this.refreshing) {
      this.refreshing = this.read(accounts, now).finally(() => (this.refreshing = undefined));
      return this.refreshing;
    }
    if (this.queued) {
      this.queued.accounts = accounts;
      this.queued.now = now;
      return this.queued.done;
    }
    const queued = { accounts, now, done: Promise.resolve() };
    queued.done = this.refreshing.then(() => {
      this.queued = undefined;
      return this.refresh(queued.accounts, queued.now);
    });
    this.queued = queued;
    return queued.done;
  }

  accounts(): MarginAccountState[] {
    return [...this.states.values()];
  }

  /** What a position's deals realized and paid so far (zero for one with no deal read yet). */
  dealsOf(position: Position): PositionDeals {
    return this.byPosition.get(`${position.venue}|${position.account}|${position.id}`) ?? { realized: 0, fees: 0, deals: 0 };
  }

  /** Deals as ledger lines, oldest first. */
  fills(): readonly FillResult[] {
    return this.sorted;
  }

  private async read(accounts: readonly MarginAccount[], now: number): Promise<void> {
    const states = new Map<string, MarginAccountState>();
    let added = false;
    for (const account of accounts) {
      const key = `${account.venue}|${account.account}`;
      try {
        const positions = await account.positions();
        states.set(key, { venue: account.venue, account: account.account, currency: account.currency, balance: account.balance, positions });
        const since = Math.max(0, (this.newestDeal.get(key) ?? 0) - DEAL_OVERLAP_MS);
        for (const deal of await account.deals(since)) {
          const id = `${key}|${deal.id}`;
          if (this.deals.has(id)) continue;
          const fill = dealFill(deal);
          this.deals.set(id, fill);
          const position = this.byPosition.get(`${key}|${deal.positionId}`) ?? { realized: 0, fees: 0, deals: 0 };
          this.byPosition.set(`${key}|${deal.positionId}`, { realized: position.realized + fill.pnl, fees: position.fees + fill.fee, deals: position.deals + 1 });
          this.newestDeal.set(key, Math.max(this.newestDeal.get(key) ?? 0, deal.time));
          added = true;
        }
      } catch {
        // An account that does not answer keeps what was last read of it until it does.
        const last = this.states.get(key);
        if (last) states.set(key, { ...last, balance: account.balance });
      }
    }
    this.states = states;
    if (added) this.sorted = [...this.deals.values()].sort((a, b) => a.at - b.at || a.tradeId.localeCompare(b.tradeId));
    this.refreshedAt = now;
  }
}

/** A deal as a ledger line: a closing deal is a closed trade whose result the terminal computed. */
export function dealFill(deal: Deal): FillResult {
  const closing = deal.entry !== 'in';
  const pnl = tidy(deal.profit + deal.swap + deal.commission);
  return {
    tradeId: deal.id,
    venue: deal.venue,
    mode: 'live',
    symbol: deal.symbol,
    quote: deal.currency,
    side: deal.side,
    price: deal.price,
    amount: deal.volume,
    at: deal.time,
    closed: closing ? deal.volume : 0,
    // The terminal reports the result, not the cost it was measured from.
    costPrice: 0,
    pnl,
    pnlFifo: pnl,
    fee: tidy(Math.max(0, -deal.commission)),
  };
}
