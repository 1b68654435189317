import { describe, expect, it } from 'vitest';
import { browserOnAppMachine } from './where-browser';

describe('browserOnAppMachine', () => {
  it('is true for the desktop window and for pages opened at a loopback address', () => {
    expect(browserOnAppMachine({ protocol: 'app:', hostname: 'bundle' })).toBe(true);
    expect(browserOnAppMachine({ protocol: 'http:', hostname: '127.0.0.1' })).toBe(true);
    expect(browserOnAppMachine({ protocol: 'http:', hostname: 'localhost' })).toBe(true);
    expect(browserOnAppMachine({ protocol: 'https:', hostname: '[::1]' })).toBe(true);
  });

  it('is false for a page opened from another machine: the loopback redirect would not reach the app', () => {
    expect(browserOnAppMachine({ protocol: 'https:', hostname: 'trade.example.com' })).toBe(false);
    expect(browserOnAppMachine({ protocol: 'http:', hostname: '192.168.1.20' })).toBe(false);
  });
});
