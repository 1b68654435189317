// Which destinations count as this machine, and which URLs and SMTP settings need the trader's confirmation.
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, plainTextSmtpProblem, plainTextUrlProblem } from './plain-text';

describe('isLoopbackHost', () => {
  it.each(['localhost', 'LOCALHOST', 'api.localhost', '127.0.0.1', '127.1.2.3', '127.255.255.254', '127.1', '0x7f.0.0.1', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1'])(
    '%s is this machine',
    (host) => expect(isLoopbackHost(host)).toBe(true),
  );

  it.each(['', 'example.com', '127.0.0.1.example.com', 'localhost.example.com', '128.0.0.1', '10.0.0.1', '192.168.1.10', '0.0.0.0', '::', '::2', '::ffff:10.0.0.1', 'not a host'])(
    '%s is not',
    (host) => expect(isLoopbackHost(host)).toBe(false),
  );
});

describe('plainTextUrlProblem', () => {
  it('asks for confirmation of http:// and ws:// to another machine, naming the field, the host and the fix', () => {
    expect(plainTextUrlProblem('http://gateway.example.com:8080/api', 'REST base URL')).toBe(
      'REST base URL http://gateway.example.com:8080 is not encrypted: API keys, signed requests and your orders would ' +
        'cross the network in clear text. Use https://, or confirm that you accept plain text.',
    );
    expect(plainTextUrlProblem('ws://10.0.0.5/ws', 'WebSocket base URL')).toContain('Use wss://');
  });

  it('lets TLS, loopback and non-URLs through (the URL validation speaks for those)', () => {
    for (const url of ['https://api.binance.com', 'wss://stream.binance.com:9443/ws', 'http://127.0.0.1:9999', 'ws://localhost:1/ws', 'http://[::1]:80', 'not a url']) {
      expect(plainTextUrlProblem(url, 'URL')).toBeUndefined();
    }
  });
});

describe('plainTextSmtpProblem', () => {
  it('asks for confirmation of security "none" to another machine only', () => {
    expect(plainTextSmtpProblem({ host: 'smtp.example.com', security: 'none' })).toContain('to smtp.example.com in clear text');
    expect(plainTextSmtpProblem({ host: '127.0.0.1', security: 'none' })).toBeUndefined();
    expect(plainTextSmtpProblem({ host: 'smtp.example.com', security: 'starttls' })).toBeUndefined();
    expect(plainTextSmtpProblem({ host: 'smtp.example.com', security: 'tls' })).toBeUndefined();
    expect(plainTextSmtpProblem({ host: '', security: 'none' })).toBeUndefined();
  });
});
