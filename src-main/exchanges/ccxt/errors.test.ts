// The mapping from ccxt's error hierarchy to our codes, class by class. The table below names every class ccxt
// exports, so a ccxt upgrade that adds one fails here until someone decides what it means for a trader.
import * as ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../../../src-shared';
import { binance } from './binance';
import { retryAfterMs, toAppError, venueDetail } from './errors';
import { redact } from './redact';

const EXPECTED: Record<string, ErrorCode> = {
  AccountNotEnabled: 'AUTH_FAILED',
  AccountSuspended: 'AUTH_FAILED',
  AddressPending: 'INVALID_REQUEST',
  ArgumentsRequired: 'INVALID_REQUEST',
  AuthenticationError: 'AUTH_FAILED',
  BadRequest: 'INVALID_REQUEST',
  BadResponse: 'VENUE_UNAVAILABLE',
  BadSymbol: 'NOT_FOUND',
  BaseError: 'INTERNAL',
  CancelPending: 'VENUE_UNAVAILABLE',
  ChecksumError: 'VENUE_UNAVAILABLE',
  ContractUnavailable: 'ORDER_REJECTED',
  DDoSProtection: 'RATE_LIMITED',
  DuplicateOrderId: 'ORDER_REJECTED',
  ExchangeClosedByUser: 'VENUE_UNAVAILABLE',
  ExchangeError: 'INTERNAL',
  ExchangeNotAvailable: 'VENUE_UNAVAILABLE',
  InsufficientFunds: 'INSUFFICIENT_FUNDS',
  InvalidAddress: 'INVALID_REQUEST',
  InvalidNonce: 'VENUE_UNAVAILABLE',
  InvalidOrder: 'ORDER_REJECTED',
  InvalidProxySettings: 'INVALID_REQUEST',
  ManualInteractionNeeded: 'ORDER_REJECTED',
  MarginModeAlreadySet: 'ORDER_REJECTED',
  MarketClosed: 'ORDER_REJECTED',
  NetworkError: 'VENUE_UNAVAILABLE',
  NoChange: 'ORDER_REJECTED',
  NotSupported: 'INVALID_REQUEST',
  NullResponse: 'VENUE_UNAVAILABLE',
  OnMaintenance: 'VENUE_UNAVAILABLE',
  OperationFailed: 'VENUE_UNAVAILABLE',
  OperationRejected: 'ORDER_REJECTED',
  OrderImmediatelyFillable: 'ORDER_REJECTED',
  OrderNotCached: 'NOT_FOUND',
  OrderNotFillable: 'ORDER_REJECTED',
  OrderNotFound: 'NOT_FOUND',
  PermissionDenied: 'AUTH_FAILED',
  RateLimitExceeded: 'RATE_LIMITED',
  RequestTimeout: 'TIMEOUT',
  RestrictedLocation: 'AUTH_FAILED',
  UnsubscribeError: 'INTERNAL',
};

type ErrorCtor = new (message: string) => Error;
const classes = Object.entries(ccxt.errors as Record<string, unknown>).filter(
  (entry): entry is [string, ErrorCtor] => typeof entry[1] === 'function' && entry[0] !== 'default',
);

describe('ccxt error → AppError', () => {
  it('has an expectation for every error class ccxt exports', () => {
    expect(classes.map(([name]) => name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(classes)('%s maps to its code', (name, ErrorClass) => {
    const mapped = toAppError(new ErrorClass('binance {"code":-1,"msg":"what the venue said"}'), { venueName: 'Binance' });
    expect(mapped).toBeInstanceOf(AppError);
    expect(mapped.code).toBe(EXPECTED[name]);
    expect(mapped.message).toContain('Binance');
  });

  it('keeps the venue words for rejected orders and internal errors', () => {
    const rejected = toAppError(new ccxt.InvalidOrder('binance {"code":-2010,"msg":"Market is closed."}'), { venueName: 'Binance' });
    expect(rejected.message).toBe('Binance rejected the order: Market is closed.');
    expect(toAppError(new ccxt.ExchangeError('binance weird thing'), { venueName: 'Binance' }).message).toBe('Binance: weird thing');
  });

  it('tells a 418 ban from a 429 and takes Retry-After from the last response headers', () => {
    const ban = toAppError(new ccxt.DDoSProtection("binance 418 I'm a teapot {}"), { venueName: 'Binance', headers: { 'Retry-After': '300' } });
    expect(ban).toMatchObject({ code: 'BANNED', retryable: true, retryAfterMs: 300_000 });
    const limit = toAppError(new ccxt.DDoSProtection('binance 429 Too Many Requests {}'), { venueName: 'Binance', headers: { 'retry-after': '2' } });
    expect(limit).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 2000 });
    const noHeader = toAppError(new ccxt.RateLimitExceeded('gate 429'), { venueName: 'Gate.io' });
    expect(noHeader.code).toBe('RATE_LIMITED');
    expect(noHeader.retryAfterMs).toBeUndefined();
  });

  it('passes AppErrors through and turns anything else into INTERNAL', () => {
    const own = new AppError('NOT_FOUND', 'x');
    expect(toAppError(own, { venueName: 'Binance' })).toBe(own);
    expect(toAppError(new TypeError('boom'), { venueName: 'Binance' })).toMatchObject({ code: 'INTERNAL', message: 'Binance: boom' });
    expect(toAppError('a string', { venueName: 'Binance' }).code).toBe('INTERNAL');
  });

  it('lets the venue profile correct ccxt: Binance key and filter codes on api.binance.com', () => {
    const context = { venueName: 'Binance', profile: binance };
    expect(toAppError(new ccxt.OperationRejected('binance {"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}'), context).code).toBe('AUTH_FAILED');
    expect(toAppError(new ccxt.BadRequest('binance {"code":-1022,"msg":"Signature for this request is not valid."}'), context).code).toBe('AUTH_FAILED');
    expect(toAppError(new ccxt.ExchangeError('binance {"code":-1013,"msg":"Filter failure: NOTIONAL"}'), context).code).toBe('ORDER_REJECTED');
  });
});

describe('secrets never reach a message', () => {
  const key = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
  const secret = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';

  it('drops signed query strings and literal keys, keeps plain URLs', () => {
    const signed = `binance GET https://api.binance.com/api/v3/account?timestamp=1&signature=abcdef0123 fetch failed; key ${key}`;
    const out = redact(signed, [key, secret]);
    expect(out).toBe('binance GET https://api.binance.com/api/v3/account?[redacted] fetch failed; key [redacted]');
    expect(redact('GET https://api.gateio.ws/api/v4/spot/tickers?currency_pair=BTC_USDT failed')).toContain('currency_pair=BTC_USDT');
    expect(redact('body symbol=BTCUSDT&signature=deadbeef&apiKey=abc')).toBe('body symbol=BTCUSDT&signature=[redacted]&apiKey=[redacted]');
  });

  it('scrubs the message and the kept cause of a mapped error', () => {
    const error = new ccxt.NetworkError(`binance POST https://api.binance.com/api/v3/order?symbol=BTCUSDT&signature=f00d ${secret}`);
    const mapped = toAppError(error, { venueName: 'Binance', secrets: [key, secret] });
    for (const text of [mapped.message, (mapped.cause as Error).message]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain('f00d');
    }
  });
});

describe('Retry-After and venue detail', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(retryAfterMs({ 'Retry-After': '120' })).toBe(120_000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs({ 'Retry-After': 'Thu, 01 Jan 2026 00:00:30 GMT' }, now)).toBe(30_000);
    expect(retryAfterMs({ 'Retry-After': 'soon' })).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });

  it('extracts the venue message from a JSON body and strips the venue id prefix', () => {
    expect(venueDetail('binance {"code":-1121,"msg":"Invalid symbol."}', 'Binance')).toBe('Invalid symbol.');
    expect(venueDetail('binance something plain', 'binance')).toBe('something plain');
  });
});
