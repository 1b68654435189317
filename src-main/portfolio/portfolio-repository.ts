// The portfolio's tables (storage migration "create portfolio"): equity snapshots, the holdings each account last
// reported, and the transfers seen in them. Fills are not copied here: they are the order journal's, read through
// the port the service is given.
import { z } from 'zod';
import type { PortfolioView, TradingMode, VenueId } from '../../src-shared';
import type { SqliteDatabase } from '../storage';
import type { Transfer } from './holdings';
import type { EquityPoint } from './statistics';

export interface EquitySnapshot extends EquityPoint {
  view: PortfolioView;
  currency: string;
  unpriced: number;
  reason: 'trade' | 'interval';
}

export interface HoldingsToSave {
  venue: VenueId;
  mode: TradingMode;
  assets: ReadonlyMap<string, number>;
}

/** The rate a third-asset fee was valued at when its fill was seen. */
export interface FeeRate {
  venue: VenueId;
  mode: TradingMode;
  tradeId: string;
  rate: number;
}

export interface SavedHoldings extends HoldingsToSave {
  at: number;
}

const Assets = z.record(z.string(), z.number().finite());

export class PortfolioRepository {
  private readonly insertSnapshot;
  private readonly selectSnapshots;
  private readonly upsertHoldings;
  private readonly selectHoldings;
  private readonly insertTransfer;
  private readonly selectTransfers;
  private readonly insertFeeRate;
  private readonly selectFeeRates;
  private readonly write: (snapshots: readonly EquitySnapshot[], holdings: readonly HoldingsToSave[], feeRates: readonly FeeRate[], at: number) => void;

  constructor(private readonly db: SqliteDatabase) {
    this.insertSnapshot = db.prepare<[string, number, string, number, number, string]>(
      'INSERT INTO equity_snapshots (view, at, currency, equity, unpriced, reason) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.selectSnapshots = db.prepare<[string, number, string], { at: number; equity: number }>(
      'SELECT at, equity FROM equity_snapshots WHERE view = ? AND at >= ? AND currency = ? ORDER BY at, rowid',
    );
    this.upsertHoldings = db.prepare<[string, string, string, number]>(
      `INSERT INTO portfolio_holdings (venue, mode, assets, at) VALUES (?, ?, ?, ?)
       ON CONFLICT (venue, mode) DO UPDATE SET assets = excluded.assets, at = excluded.at`,
    );
    this.selectHoldings = db.prepare<[], { venue: string; mode: string; assets: string; at: number }>('SELECT * FROM portfolio_holdings');
    this.insertTransfer = db.prepare<[string, string, string, number, number]>(
      'INSERT INTO portfolio_transfers (venue, mode, asset, amount, at) VALUES (?, ?, ?, ?, ?)',
    );
    this.selectTransfers = db.prepare<[], Transfer>('SELECT venue, mode, asset, amount, at FROM portfolio_transfers ORDER BY at, rowid');
    this.insertFeeRate = db.prepare<[string, string, string, number]>(
      'INSERT OR IGNORE INTO portfolio_fee_rates (venue, mode, trade_id, rate) VALUES (?, ?, ?, ?)',
    );
    this.selectFeeRates = db.prepare<[], { venue: string; mode: string; trade_id: string; rate: number }>('SELECT venue, mode, trade_id, rate FROM portfolio_fee_rates');
    // Written in batches: one transaction (one wait for the disk) however many fills came at once.
    this.write = db.transaction((snapshots: readonly EquitySnapshot[], holdings: readonly HoldingsToSave[], feeRates: readonly FeeRate[], at: number) => {
      for (const s of snapshots) this.insertSnapshot.run(s.view, s.at, s.currency, s.equity, s.unpriced, s.reason);
      for (const h of holdings) this.upsertHoldings.run(h.venue, h.mode, JSON.stringify(Object.fromEntries(h.assets)), at);
      for (const f of feeRates) this.insertFeeRate.run(f.venue, f.mode, f.tradeId, f.rate);
    });
  }

  get open(): boolean {
    return this.db.open;
  }

  /** Equity snapshots, the holdings of accounts that changed and new fee rates, in one transaction. */
  save(snapshots: readonly EquitySnapshot[], holdings: readonly HoldingsToSave[], at: number, feeRates: readonly FeeRate[] = []): void {
    if (snapshots.length > 0 || holdings.length > 0 || feeRates.length > 0) this.write(snapshots, holdings, feeRates, at);
  }

  /** Every fee rate kept, by `venue|mode|tradeId`. */
  feeRates(): Map<string, number> {
    const rates = new Map<string, number>();
    for (const row of this.selectFeeRates.all()) rates.set(`${row.venue}|${row.mode}|${row.trade_id}`, row.rate);
    return rates;
  }

  /** A view's equity in one currency since `from`, oldest first. */
  snapshots(view: PortfolioView, currency: string, from: number): EquityPoint[] {
    return this.selectSnapshots.all(view, from, currency);
  }

  /** What each account last reported; a row another tool made unreadable is skipped (the next report replaces it). */
  holdings(): SavedHoldings[] {
    const saved: SavedHoldings[] = [];
    for (const row of this.selectHoldings.all()) {
      const assets = readAssets(row.assets);
      if (assets) saved.push({ venue: row.venue as VenueId, mode: row.mode as TradingMode, assets, at: row.at });
    }
    return saved;
  }

  saveTransfers(transfers: readonly Transfer[]): void {
    for (const t of transfers) this.insertTransfer.run(t.venue, t.mode, t.asset, t.amount, t.at);
  }

  transfers(): Transfer[] {
    return this.selectTransfers.all();
  }
}

function readAssets(json: string): Map<string, number> | undefined {
  try {
    const parsed = Assets.safeParse(JSON.parse(json));
    return parsed.success ? new Map(Object.entries(parsed.data)) : undefined;
  } catch {
    return undefined;
  }
}
