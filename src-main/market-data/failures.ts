// A source's failure as the API reports it: a code that says what happens next and words a trader can act on.
import { AppError, type ErrorCode, type ProviderFailure } from '../../src-shared';
import { redact } from './http';
import type { MarketDataProvider } from './ports';

export function skipped(provider: MarketDataProvider, code: ErrorCode, message: string, retryAfterMs?: number): ProviderFailure {
  return withRetry({ provider: provider.id, name: provider.name, called: false, code, message }, retryAfterMs);
}

export function failed(provider: MarketDataProvider, error: unknown, apiKey: string | undefined): ProviderFailure {
  const code: ErrorCode = error instanceof AppError ? error.code : 'INTERNAL';
  const text = error instanceof Error ? error.message : String(error);
  // A provider's message is built from its answer; the key is blanked in case a server echoes it back.
  const message = redact(text, [apiKey]);
  const retryAfterMs = error instanceof AppError ? error.retryAfterMs : undefined;
  return withRetry({ provider: provider.id, name: provider.name, called: true, code, message }, retryAfterMs);
}

export function seconds(ms: number): string {
  return ms < 90_000 ? `${Math.ceil(ms / 1000)} s` : ms < 5_400_000 ? `${Math.ceil(ms / 60_000)} min` : `${Math.ceil(ms / 3_600_000)} h`;
}

function withRetry(failure: ProviderFailure, retryAfterMs: number | undefined): ProviderFailure {
  return retryAfterMs === undefined ? failure : { ...failure, retryAfterMs: Math.max(0, Math.round(retryAfterMs)) };
}
