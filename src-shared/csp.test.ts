// The production policy allows no inline or eval'd script and no dev server; the dev policy adds exactly what Vite's
// dev server needs, for that server only.
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, devContentSecurityPolicy } from './csp';

function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(policy.split(';').map((part) => {
    const [name, ...sources] = part.trim().split(/\s+/);
    return [name!, sources];
  }));
}

describe('CONTENT_SECURITY_POLICY', () => {
  it('allows scripts, styles and connections only from the app itself: no inline, no eval, no dev server', () => {
    const policy = directives(CONTENT_SECURITY_POLICY);
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['style-src']).toEqual(["'self'"]);
    expect(policy['connect-src']).toEqual(["'self'"]);
    expect(policy['object-src']).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|localhost|127\.0\.0\.1|ws:|http:/);
  });
});

describe('devContentSecurityPolicy', () => {
  it('adds inline script and style and the dev server\'s WebSocket, and nothing else', () => {
    const dev = directives(devContentSecurityPolicy('http://localhost:5173'));
    const production = directives(CONTENT_SECURITY_POLICY);
    expect(dev['script-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev['connect-src']).toEqual(["'self'", 'ws://localhost:5173']);
    const { 'script-src': _s, 'style-src': _t, 'connect-src': _c, ...rest } = dev;
    const { 'script-src': _ps, 'style-src': _pt, 'connect-src': _pc, ...productionRest } = production;
    expect(rest).toEqual(productionRest);
    expect(devContentSecurityPolicy('http://localhost:5173')).not.toContain('unsafe-eval');
  });

  it.each(['http://192.168.1.5:5173', 'https://localhost:5173', 'http://localhost.example.com:5173'])('refuses %s as a dev server', (origin) => {
    expect(() => devContentSecurityPolicy(origin)).toThrow(/http:\/\/ on loopback/);
  });
});
