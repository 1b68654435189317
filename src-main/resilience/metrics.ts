// Per-operation call counts, errors and latency percentiles. Latencies live in a fixed ring of the most recent
// samples: memory stays bounded however long the app runs, the percentiles describe the venue as it is now rather
// than averaged over days, and they are exact over that ring (no histogram bucket error to explain in the UI).
import type { OperationMetrics, VenueId } from '../../src-shared';

export const LATENCY_SAMPLES = 1024;

export class OperationRecord {
  count = 0;
  errors = 0;
  private readonly samples: Float64Array;
  private next = 0;

  constructor(
    readonly venue: VenueId,
    readonly operation: string,
    capacity: number,
  ) {
    this.samples = new Float64Array(capacity);
  }

  record(latencyMs: number, failed: boolean): void {
    this.count++;
    if (failed) this.errors++;
    this.samples[this.next % this.samples.length] = latencyMs;
    this.next++;
  }

  snapshot(): OperationMetrics {
    const kept = this.samples.slice(0, Math.min(this.next, this.samples.length)).sort();
    return {
      operation: this.operation,
      venue: this.venue,
      count: this.count,
      errors: this.errors,
      p50Ms: percentile(kept, 50),
      p95Ms: percentile(kept, 95),
      p99Ms: percentile(kept, 99),
    };
  }
}

/** Nearest-rank percentile of sorted samples: always one of the observed values; 0 when there are none. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? 0;
}

export class Metrics {
  private readonly records = new Map<string, OperationRecord>();

  constructor(private readonly capacity: number = LATENCY_SAMPLES) {}

  /** The record of one operation; callers on a hot path keep it instead of looking it up per call. */
  operation(venue: VenueId, operation: string): OperationRecord {
    const key = `${venue}\u0000${operation}`;
    let record = this.records.get(key);
    if (!record) {
      record = new OperationRecord(venue, operation, this.capacity);
      this.records.set(key, record);
    }
    return record;
  }

  record(venue: VenueId, operation: string, latencyMs: number, failed: boolean): void {
    this.operation(venue, operation).record(latencyMs, failed);
  }

  snapshot(): OperationMetrics[] {
    return [...this.records.values()].map((record) => record.snapshot());
  }
}
