// ccxt's error hierarchy (node_modules/ccxt/js/src/base/errorHierarchy.js) mapped onto our codes, which say what
// happens next: retry later (VENUE_UNAVAILABLE, TIMEOUT, RATE_LIMITED, BANNED), re-enter keys (AUTH_FAILED), fix the
// order (ORDER_REJECTED, INSUFFICIENT_FUNDS, INVALID_REQUEST, NOT_FOUND) or report a bug (INTERNAL).
// Order matters: ccxt's classes inherit (OrderNotFound is an InvalidOrder, RateLimitExceeded a NetworkError), so the
// most specific class is tested first. errors.test.ts walks every class ccxt exports, so a new one fails the suite.
import { ccxtLib } from './ccxt-lib';
import { AppError, isAppError } from '../../../src-shared';
import { redact } from './redact';
import type { VenueErrorContext, VenueProfile } from './venue-profile';

export interface ErrorMapContext {
  /** Display name of the venue ("Binance"). */
  venueName: string;
  /** Headers of the last response (ccxt's `last_response_headers`), for Retry-After and the venue's own wait headers. */
  headers?: Readonly<Record<string, unknown>> | undefined;
  /** Key, secret and password of the account: never allowed into a message. */
  secrets?: readonly (string | undefined)[];
  profile?: Pick<VenueProfile, 'classifyError'>;
  now?: () => number;
}

/** A header's value as text, whatever case ccxt gave its name (it re-capitalises them: `X-Mbx-Used-Weight-1m`). */
export function headerValue(headers: Readonly<Record<string, unknown>> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === wanted);
  const raw = entry === undefined ? undefined : String(entry[1]).trim();
  return raw === '' ? undefined : raw;
}

/** Retry-After as milliseconds: either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(headers: Readonly<Record<string, unknown>> | undefined, now: number = Date.now()): number | undefined {
  const raw = headerValue(headers, 'retry-after');
  if (raw === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The venue's own words from a ccxt message (`binance {"code":-2010,"msg":"…"}`), else the message itself. */
export function venueDetail(message: string, venueId?: string): string {
  const quoted = /"(?:msg|message|label|errorMessage)"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(message);
  let detail = quoted?.[1] ?? message;
  if (venueId !== undefined && detail.toLowerCase().startsWith(`${venueId.toLowerCase()} `)) detail = detail.slice(venueId.length + 1);
  detail = detail.trim();
  return detail.length > 300 ? `${detail.slice(0, 297)}...` : detail;
}

/** ccxt reports 418 and 429 alike as DDoSProtection on some venues; the status is in the message. */
function httpStatusIn(message: string): number | undefined {
  const match = /(?:^|\s)(418|429)(?:\s|$)/.exec(message);
  return match ? Number(match[1]) : undefined;
}

function seconds(ms: number | undefined): string {
  if (ms === undefined) return 'a little while';
  if (ms < 60_000) return `${Math.max(1, Math.ceil(ms / 1000))} s`;
  return `${Math.ceil(ms / 60_000)} min`;
}

type Mapper = (venue: string, detail: string, retryAfter: number | undefined, message: string) => AppError;

const unavailable: Mapper = (venue, detail) =>
  new AppError('VENUE_UNAVAILABLE', `${venue} cannot be reached right now (${detail}); try again shortly`);
const rejected: Mapper = (venue, detail) => new AppError('ORDER_REJECTED', `${venue} rejected the order: ${detail}`);
const invalid: Mapper = (venue, detail) => new AppError('INVALID_REQUEST', `${venue} refused the request: ${detail}`);
const auth: Mapper = (venue, detail) =>
  new AppError(
    'AUTH_FAILED',
    `${venue} refused the API key (${detail}): check the key and secret, that the key may trade, and its IP allow-list`,
  );
const internal: Mapper = (venue, detail) => new AppError('INTERNAL', `${venue}: ${detail}`);

/** RATE_LIMITED with the wait, when known; also used by profiles that find the wait outside Retry-After. */
export function rateLimitedError(venue: string, retryAfter: number | undefined): AppError {
  return new AppError('RATE_LIMITED', `${venue} rate limit reached: waiting ${seconds(retryAfter)} before the next request`, true, retryAfter === undefined ? {} : { retryAfterMs: retryAfter });
}

/** BANNED (a 418: the IP is refused until the ban ends); also used by profiles that see the ban in the body. */
export function bannedError(venue: string, retryAfter: number | undefined): AppError {
  return new AppError('BANNED', `${venue} has banned this IP address for sending too many requests; no requests until the ban ends in ${seconds(retryAfter)}`, true, retryAfter === undefined ? {} : { retryAfterMs: retryAfter });
}

const rateLimited: Mapper = (venue, _detail, retryAfter, message) =>
  httpStatusIn(message) === 418 ? bannedError(venue, retryAfter) : rateLimitedError(venue, retryAfter);

type ErrorClass = abstract new (...args: never[]) => Error;

/** Most specific first; the first class the error is an instance of decides. Built on first use (ccxt loads lazily). */
let mapping: ReadonlyArray<readonly [ErrorClass, Mapper]> | undefined;
function errorMapping(): ReadonlyArray<readonly [ErrorClass, Mapper]> {
  const ccxt = ccxtLib();
  return (mapping ??= [
  // NetworkError family: the request may not have reached the venue; retry later.
  [ccxt.RequestTimeout, (venue) => new AppError('TIMEOUT', `${venue} did not answer in time; try again shortly`)],
  [ccxt.RateLimitExceeded, rateLimited],
  [ccxt.DDoSProtection, rateLimited],
  [ccxt.OnMaintenance, (venue) => new AppError('VENUE_UNAVAILABLE', `${venue} is under maintenance; try again later`)],
  [ccxt.ExchangeNotAvailable, unavailable],
  // A stream's order book failed its checksum: resubscribing fixes it. (Before InvalidNonce, its parent.)
  [ccxt.ChecksumError, unavailable],
  [ccxt.InvalidNonce, (venue) => new AppError('VENUE_UNAVAILABLE', `${venue} refused the request's timestamp: check that this computer's clock is set automatically`, false)],
  [ccxt.NetworkError, unavailable],
  [ccxt.NullResponse, unavailable],
  [ccxt.BadResponse, (venue, detail) => new AppError('VENUE_UNAVAILABLE', `${venue} sent an answer that cannot be read (${detail}); try again shortly`)],
  [ccxt.CancelPending, (venue) => new AppError('VENUE_UNAVAILABLE', `${venue} is still cancelling this order; check again shortly`)],
  [ccxt.OperationFailed, unavailable],
  // Keys and accounts: the trader has to act in the accounts screen or on the venue's site.
  [ccxt.AccountNotEnabled, auth],
  [ccxt.PermissionDenied, auth],
  [ccxt.AccountSuspended, (venue, detail) => new AppError('AUTH_FAILED', `${venue} says the account is suspended (${detail}): contact ${venue}`)],
  [ccxt.AuthenticationError, auth],
  [ccxt.RestrictedLocation, (venue, detail) => new AppError('AUTH_FAILED', `${venue} does not serve this location (${detail})`)],
  // Orders and input: fix the order or the request.
  [ccxt.InsufficientFunds, (venue, detail) => new AppError('INSUFFICIENT_FUNDS', `Not enough balance on ${venue} for this order (${detail})`)],
  [ccxt.OrderNotFound, (venue, detail) => new AppError('NOT_FOUND', `${venue} has no such order (${detail})`)],
  [ccxt.OrderNotCached, (venue, detail) => new AppError('NOT_FOUND', `${venue} no longer reports this order (${detail})`)],
  [ccxt.DuplicateOrderId, (venue, detail) => new AppError('ORDER_REJECTED', `${venue} already has an order with this client order id (${detail})`)],
  [ccxt.InvalidOrder, rejected],
  [ccxt.MarketClosed, (venue, detail) => new AppError('ORDER_REJECTED', `${venue} market is closed: ${detail}`)],
  [ccxt.OperationRejected, rejected],
  [ccxt.BadSymbol, (venue, detail) => new AppError('NOT_FOUND', `${venue} does not list this market (${detail})`)],
  [ccxt.BadRequest, invalid],
  [ccxt.ArgumentsRequired, invalid],
  [ccxt.InvalidAddress, invalid],
  [ccxt.NotSupported, (venue, detail) => new AppError('INVALID_REQUEST', `${venue} does not support this (${detail})`)],
  [ccxt.InvalidProxySettings, invalid],
  [ccxt.ExchangeClosedByUser, (venue) => new AppError('VENUE_UNAVAILABLE', `The connection to ${venue} was closed`, false)],
  // Everything else is ours to fix: keep the venue's words for the bug report.
  [ccxt.ExchangeError, internal],
  [ccxt.BaseError, internal],
  ]);
}

/** Converts anything a ccxt call threw into an AppError whose message is safe to show and to log. */
export function toAppError(error: unknown, context: ErrorMapContext): AppError {
  if (isAppError(error)) return error;
  const secrets = context.secrets ?? [];
  const raw = error instanceof Error ? error.message : String(error);
  const message = redact(raw, secrets);
  const now = context.now?.() ?? Date.now();
  const retryAfter = retryAfterMs(context.headers, now);
  const venueContext: VenueErrorContext = { venueName: context.venueName, message, retryAfterMs: retryAfter, headers: context.headers, now };
  const specific = context.profile?.classifyError?.(error, venueContext);
  if (specific) return withCause(specific, error, secrets);
  const detail = venueDetail(message, context.venueName);
  const entry = errorMapping().find(([cls]) => error instanceof cls);
  const mapped = entry ? entry[1](context.venueName, detail, retryAfter, message) : internal(context.venueName, detail, retryAfter, message);
  return withCause(mapped, error, secrets);
}

/**
 * Keeps the original for debugging only when its text is clean: a cause with a signed URL would leak through any
 * logger that prints causes.
 */
function withCause(mapped: AppError, error: unknown, secrets: readonly (string | undefined)[]): AppError {
  if (!(error instanceof Error)) return mapped;
  const safeCause = new Error(redact(error.message, secrets));
  safeCause.name = error.name;
  return new AppError(mapped.code, mapped.message, mapped.retryable, {
    ...(mapped.retryAfterMs === undefined ? {} : { retryAfterMs: mapped.retryAfterMs }),
    cause: safeCause,
  });
}
