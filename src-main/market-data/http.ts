// One HTTP GET with a deadline, returning the status and parsed JSON. Transport failures become AppErrors here; what
// a JSON body means is each provider's business (several answer errors with HTTP 200). Messages never carry the
// URL or the key: Alpha Vantage takes its key in the query string.
import { AppError } from '../../src-shared';

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface JsonResponse {
  status: number;
  body: unknown;
  /** Seconds or an HTTP date, as sent; parsed by `retryAfterMs`. */
  retryAfter: string | null;
}

export interface HttpOptions {
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** Strings to blank out of any message (the API key). */
  secrets?: readonly (string | undefined)[];
}

export async function getJson(providerName: string, url: URL, options: HttpOptions = {}): Promise<JsonResponse> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { Accept: 'application/json', ...options.headers },
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw new AppError('TIMEOUT', `${providerName} did not answer within ${Math.round((options.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} s`);
    }
    throw new AppError('VENUE_UNAVAILABLE', `${providerName} is unreachable (${redact(describe(error), options.secrets)})`);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined; // an HTML error page from a proxy or CDN: the status code alone decides
  }
  return { status: response.status, body, retryAfter: response.headers.get('retry-after') };
}

/** Retry-After in ms (seconds or an HTTP date), or `fallback` when absent or unreadable. */
export function retryAfterMs(header: string | null, fallback: number, now: number = Date.now()): number {
  if (header === null) return fallback;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - now) : fallback;
}

/** The AppError for an HTTP status that the provider's JSON did not explain. */
export function statusError(providerName: string, status: number, retryAfter: number): AppError {
  if (status === 429) {
    return new AppError('RATE_LIMITED', `${providerName} says too many requests (HTTP 429)`, true, { retryAfterMs: retryAfter });
  }
  if (status === 401 || status === 403) {
    return new AppError('AUTH_FAILED', `${providerName} refused the API key (HTTP ${status}): check it in Data providers`);
  }
  if (status === 404) return new AppError('NOT_FOUND', `${providerName} does not know this symbol (HTTP 404)`);
  return new AppError('VENUE_UNAVAILABLE', `${providerName} answered HTTP ${status}`);
}

export function redact(message: string, secrets: readonly (string | undefined)[] = []): string {
  let out = message;
  for (const secret of secrets) if (secret) out = out.split(secret).join('***');
  return out;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // undici says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND…) is on the cause.
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const detail = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : '';
  return detail ? `${error.message}: ${detail}` : error.message;
}

/** A finite positive number from a number or numeric string, else undefined. */
export function positiveNumber(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
}

export function invalidResponse(providerName: string, what: string): AppError {
  return new AppError('VENUE_UNAVAILABLE', `${providerName} sent an answer without ${what}`);
}
