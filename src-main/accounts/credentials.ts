// How an account's keys sit in the keychain: one entry per account, holding the key, the secret and the passphrase
// together as JSON, so that saving or deleting them is one keychain operation that cannot half-succeed.
import { z } from 'zod';
import { AppError } from '../../src-shared';
import type { ExchangeCredentials } from '../exchanges';
import type { SecretStore } from '../secrets';

const StoredCredentials = z.object({
  apiKey: z.string().min(1),
  secret: z.string().min(1),
  password: z.string().min(1).optional(),
});

/** The keychain entry name of an account. */
export function credentialsEntry(accountId: string): string {
  return `account:${accountId}`;
}

export async function saveCredentials(secrets: SecretStore, accountId: string, credentials: ExchangeCredentials): Promise<void> {
  await secrets.set(credentialsEntry(accountId), JSON.stringify(credentials));
}

/** The account's keys; undefined when the keychain has no entry for it (deleted outside the app). */
export async function readCredentials(secrets: SecretStore, accountId: string): Promise<ExchangeCredentials | undefined> {
  const stored = await secrets.get(credentialsEntry(accountId));
  if (stored === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    parsed = undefined;
  }
  const credentials = StoredCredentials.safeParse(parsed);
  if (!credentials.success) {
    // Never echo what was read: it is (part of) a secret.
    throw new AppError('AUTH_FAILED', 'The keychain entry of this account is unreadable: remove the account and add it again');
  }
  return credentials.data;
}

export function deleteCredentials(secrets: SecretStore, accountId: string): Promise<boolean> {
  return secrets.delete(credentialsEntry(accountId));
}

/** `text` with every credential value blanked: venue errors sometimes echo the key they refused. */
export function redactCredentials(text: string, credentials: ExchangeCredentials): string {
  let out = text;
  for (const value of [credentials.apiKey, credentials.secret, credentials.password]) {
    // Shorter values are no real key, and blanking them would shred ordinary words of the message.
    if (value && value.length >= 4) out = out.split(value).join('[redacted]');
  }
  return out;
}
