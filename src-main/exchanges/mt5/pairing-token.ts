// The secret an EA proves it belongs to this app with. Kept in the SecretStore like every other secret (never in
// SQLite, a log line or the renderer's state), created on first use.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SecretStore } from '../../secrets';

/** Entry name in the secret store; listed by secretEntryNames so `npm run secrets -- migrate` moves it. */
export const PAIRING_TOKEN_ENTRY = 'mt5:pairing-token';

/** The pairing token, made (32 random bytes, hex) and stored the first time it is asked for. */
export async function getOrCreatePairingToken(secrets: SecretStore): Promise<string> {
  const existing = await secrets.get(PAIRING_TOKEN_ENTRY);
  if (existing !== undefined && existing !== '') return existing;
  const token = randomBytes(32).toString('hex');
  await secrets.set(PAIRING_TOKEN_ENTRY, token);
  return token;
}

/** Replaces the token: connected terminals stay, the next hello with the old one is refused. */
export async function renewPairingToken(secrets: SecretStore): Promise<string> {
  const token = randomBytes(32).toString('hex');
  await secrets.set(PAIRING_TOKEN_ENTRY, token);
  return token;
}

/**
 * Whether `offered` is the pairing token. Both are hashed first so that timingSafeEqual compares equal-length digests:
 * the time taken says nothing about the token's length or content.
 */
export function tokensMatch(offered: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(offered), digest(expected)) && expected.length > 0;
}
