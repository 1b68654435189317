// What the accounts screen can send the factory, and what it gets back: an adapter pointed where asked, or a typed
// INVALID_REQUEST before anything leaves the machine.
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../src-shared';
import type { CcxtAdapter } from './ccxt-adapter';
import { BINANCE_RATE_LIMITS } from './binance';
import { GATE_RATE_LIMITS } from './gate';
import { MEXC_RATE_LIMITS } from './mexc';
import { createExchangeAdapter, rateLimitsOf, SUPPORTED_VENUES, venueProfile } from './factory';
import { parseBaseUrl } from './urls';

const keys = { apiKey: 'key-1234567890', secret: 'secret-1234567890' };

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

describe('createExchangeAdapter', () => {
  it('lists the supported venues and builds each, without credentials too', () => {
    expect(SUPPORTED_VENUES).toEqual(['binance', 'gate', 'mexc']);
    for (const venue of SUPPORTED_VENUES) {
      expect(createExchangeAdapter(venue, undefined).id).toBe(venue);
      expect(createExchangeAdapter(venue, keys).id).toBe(venue);
    }
  });

  it('gives the composition root each venue\'s rate limits, and refuses an unknown venue', () => {
    expect(rateLimitsOf('binance')).toBe(BINANCE_RATE_LIMITS);
    expect(rateLimitsOf('gate')).toBe(GATE_RATE_LIMITS);
    expect(rateLimitsOf('mexc')).toBe(MEXC_RATE_LIMITS);
    expect(() => rateLimitsOf('toString')).toThrow(expect.objectContaining({ code: 'INVALID_REQUEST' }) as Error);
  });

  it('refuses an unknown venue naming the supported ones', () => {
    for (const venue of ['kraken', 'demo', 'toString', '__proto__', '']) {
      const error = refusal(() => createExchangeAdapter(venue, keys));
      expect(error).toMatchObject({ code: 'INVALID_REQUEST' });
      expect(error.message).toContain('binance, gate, mexc');
    }
    expect(() => venueProfile('BINANCE')).toThrow(/not a supported exchange/);
  });

  it('refuses empty or blank keys and secrets', () => {
    expect(refusal(() => createExchangeAdapter('binance', { apiKey: '', secret: 's' }))).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining('API key is empty') });
    expect(refusal(() => createExchangeAdapter('gate', { apiKey: 'k', secret: ' \n' }))).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining('secret is empty') });
  });

  it('refuses base URLs that are not plain http(s) / ws(s) URLs', () => {
    for (const restBaseUrl of ['not a url', 'ftp://example.com', 'https://example.com/?x=1', 'https://user:pw@example.com', 'ws://example.com']) {
      expect(refusal(() => createExchangeAdapter('binance', keys, { restBaseUrl }))).toMatchObject({ code: 'INVALID_REQUEST' });
    }
    expect(refusal(() => createExchangeAdapter('binance', keys, { wsBaseUrl: 'https://example.com' }))).toMatchObject({ code: 'INVALID_REQUEST' });
  });

  it('rewrites every REST url to the base URL, keeping ccxt paths, after sandbox mode', () => {
    const adapter = createExchangeAdapter('binance', keys, { sandbox: true, restBaseUrl: 'http://127.0.0.1:9/gw/' }) as CcxtAdapter;
    const api = adapter.exchange.urls.api as Record<string, string>;
    expect(api.public).toBe('http://127.0.0.1:9/gw/api/v3');
    expect(Object.values(api).every((url) => typeof url !== 'string' || url.startsWith('http://127.0.0.1:9/gw/'))).toBe(true);
    expect(adapter.exchange.isSandboxModeEnabled).toBe(true);
  });

  it('sandbox alone points at the venue testnet', () => {
    const adapter = createExchangeAdapter('binance', keys, { sandbox: true }) as CcxtAdapter;
    expect((adapter.exchange.urls.api as Record<string, string>).public).toContain('testnet.binance.vision');
  });

  it('normalizes a base URL: no trailing slash, scheme checked', () => {
    expect(parseBaseUrl('https://proxy.example.com/binance/', ['https', 'http'], 'REST base URL')).toBe('https://proxy.example.com/binance');
    expect(parseBaseUrl('http://127.0.0.1:8080', ['https', 'http'], 'REST base URL')).toBe('http://127.0.0.1:8080');
  });
});
