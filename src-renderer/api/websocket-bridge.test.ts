import { describe, expect, it } from 'vitest';
import { apiSocketUrl } from './websocket-bridge';

describe('apiSocketUrl', () => {
  it('keeps the page encrypted: an https page talks over wss, an http page over ws', () => {
    expect(apiSocketUrl('https://127.0.0.1:4443')).toBe('wss://127.0.0.1:4443/api');
    expect(apiSocketUrl('https://trade.example.com')).toBe('wss://trade.example.com/api');
    expect(apiSocketUrl('http://127.0.0.1:4000')).toBe('ws://127.0.0.1:4000/api');
  });
});
