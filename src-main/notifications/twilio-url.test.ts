// Twilio's address from the environment: a proxy or the tests' fake, never plain http to another machine unasked.
import { describe, expect, it } from 'vitest';
import { twilioUrlFromEnv } from './index';

describe('twilioUrlFromEnv', () => {
  it('takes https:// and loopback http://, and ignores plain http to another machine with a warning', () => {
    const warnings: string[] = [];
    const warn = (line: string) => warnings.push(line);
    expect(twilioUrlFromEnv({ TBS_TWILIO_URL: 'https://twilio-proxy.example.com' }, warn)).toBe('https://twilio-proxy.example.com');
    expect(twilioUrlFromEnv({ TBS_TWILIO_URL: 'http://127.0.0.1:4020' }, warn)).toBe('http://127.0.0.1:4020');
    expect(twilioUrlFromEnv({}, warn)).toBeUndefined();
    expect(warnings).toEqual([]);

    expect(twilioUrlFromEnv({ TBS_TWILIO_URL: 'http://10.1.2.3:8080' }, warn)).toBeUndefined();
    expect(warnings).toEqual([expect.stringMatching(/^TBS_TWILIO_URL=http:\/\/10\.1\.2\.3:8080 ignored: it is not encrypted/)]);
    expect(twilioUrlFromEnv({ TBS_TWILIO_URL: 'http://10.1.2.3:8080', TBS_ALLOW_PLAIN_HTTP: '1' }, warn)).toBe('http://10.1.2.3:8080');
  });
});
