// Candles fetched from any source, kept in SQLite so that history survives a restart and a source's outage (the
// aggregator answers from here when every source fails). Table `candles` (storage migration "create candles"):
// one row per (source, symbol, timeframe, open time), clustered on that key so a range read is one index walk.
import type { Candle, ProviderId, Symbol, Timeframe } from '../../src-shared';
import type { SqliteDatabase } from '../storage';

export interface CandleSeriesKey {
  source: ProviderId;
  symbol: Symbol;
  timeframe: Timeframe;
}

export interface StoredRange {
  limit: number;
  /** Only candles opening strictly before this time; the newest when absent. */
  before?: number;
  /** Only candles opening at or after this time. */
  from?: number;
}

type Row = [string, string, string, number, number, number, number, number, number];

export const UPSERT_CANDLE_SQL = `
  INSERT INTO candles (source, symbol, timeframe, time, open, high, low, close, volume)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (source, symbol, timeframe, time) DO UPDATE SET
    open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close, volume = excluded.volume`;

export class CandleStore {
  // Prepared once: a chart backfill writes thousands of rows, and compiling the SQL per row would dominate.
  private readonly upsertRow;
  private readonly selectRange;
  private readonly selectSources;
  private readonly writeBatch: (key: CandleSeriesKey, candles: readonly Candle[]) => void;

  constructor(db: SqliteDatabase) {
    this.upsertRow = db.prepare<Row>(UPSERT_CANDLE_SQL);
    this.selectRange = db.prepare<[string, string, string, number, number, number], Candle>(
      `SELECT time, open, high, low, close, volume FROM candles
       WHERE source = ? AND symbol = ? AND timeframe = ? AND time >= ? AND time < ?
       ORDER BY time DESC LIMIT ?`,
    );
    this.selectSources = db.prepare<[string, string], { source: ProviderId }>(
      'SELECT source FROM candles WHERE symbol = ? AND timeframe = ? GROUP BY source ORDER BY MAX(time) DESC',
    );
    // One transaction per batch: one fsync instead of one per row, and a reader never sees half a page of history.
    this.writeBatch = db.transaction((key: CandleSeriesKey, candles: readonly Candle[]) => {
      const { source, symbol, timeframe } = key;
      for (const c of candles) this.upsertRow.run(source, symbol, timeframe, c.time, c.open, c.high, c.low, c.close, c.volume);
    });
  }

  /** Inserts new candles and replaces stored ones with the same open time (a forming candle gets its final values). */
  upsert(key: CandleSeriesKey, candles: readonly Candle[]): void {
    if (candles.length > 0) this.writeBatch(key, candles);
  }

  /** The newest `limit` candles of the range, oldest first. */
  range(key: CandleSeriesKey, range: StoredRange): Candle[] {
    const rows = this.selectRange.all(
      key.source,
      key.symbol,
      key.timeframe,
      range.from ?? 0,
      range.before ?? Number.MAX_SAFE_INTEGER,
      range.limit,
    );
    return rows.reverse();
  }

  /** The sources that have stored this series, the one with the newest candle first. */
  sources(symbol: Symbol, timeframe: Timeframe): ProviderId[] {
    return this.selectSources.all(symbol, timeframe).map((row) => row.source);
  }
}
