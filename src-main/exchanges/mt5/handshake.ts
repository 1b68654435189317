// Judges the EA's first line: a valid hello, a version this app speaks, the pairing token. Pure, so every refusal
// is tested without a socket. The refusal message is for the trader (shown in the EA's Experts log).
import { z } from 'zod';
import { tokensMatch } from './pairing-token';
import { Hello, SUPPORTED_VERSIONS, type Refused } from './protocol';

export type HelloVerdict = { accepted: true; hello: Hello } | { accepted: false; refusal: Refused; hello?: Hello };

export function judgeHello(value: unknown, pairingToken: string): HelloVerdict {
  const parsed = Hello.safeParse(value);
  if (!parsed.success) {
    return refuse('hello', `The first line must be a valid hello: ${z.prettifyError(parsed.error).slice(0, 300)}`);
  }
  const hello = parsed.data;
  if (!SUPPORTED_VERSIONS.includes(hello.v)) {
    const message = `This app speaks bridge protocol ${SUPPORTED_VERSIONS.join(', ')}, the EA speaks ${hello.v}: install the EA that ships with this app.`;
    return { ...refuse('version', message), hello };
  }
  if (!tokensMatch(hello.token, pairingToken)) {
    return { ...refuse('token', 'The pairing token does not match: copy it again from Accounts → Connect MetaTrader 5.'), hello };
  }
  return { accepted: true, hello };
}

function refuse(reason: Refused['reason'], message: string): { accepted: false; refusal: Refused } {
  return { accepted: false, refusal: { type: 'refused', reason, message } };
}
