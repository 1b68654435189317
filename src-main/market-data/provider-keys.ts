// Data-API keys live in the OS keychain (SecretStore), one entry per provider, and nowhere else: not in SQLite, not
// in logs, not in any response (the API reports only whether a key is set). They are read once and kept in this
// process's memory, because some keychains prompt the user on every read.
import type { DataApiId } from '../../src-shared';
import type { SecretStore } from '../secrets';

/** The keychain entry of a provider's key, beside the exchange accounts' entries under the same service. */
export function keyAccount(provider: DataApiId): string {
  return `market-data:${provider}`;
}

export class ProviderKeys {
  private readonly cache = new Map<DataApiId, string | undefined>();

  constructor(private readonly secrets: SecretStore) {}

  async get(provider: DataApiId): Promise<string | undefined> {
    if (!this.cache.has(provider)) this.cache.set(provider, await this.secrets.get(keyAccount(provider)));
    return this.cache.get(provider);
  }

  async isSet(provider: DataApiId): Promise<boolean> {
    return (await this.get(provider)) !== undefined;
  }

  async set(provider: DataApiId, apiKey: string): Promise<void> {
    await this.secrets.set(keyAccount(provider), apiKey);
    this.cache.set(provider, apiKey);
  }

  async remove(provider: DataApiId): Promise<void> {
    await this.secrets.delete(keyAccount(provider));
    this.cache.set(provider, undefined);
  }
}
