// The order in which sources are asked, saved in settings so that it survives a restart. Sources missing from the
// saved order (a newly connected exchange, a provider added in a later version) are asked after the saved ones,
// in the default order.
import { z } from 'zod';
import { AppError, ProviderId, type ProviderId as ProviderIdT } from '../../src-shared';
import type { SettingsRepository } from '../storage';

const KEY = 'market-data.priority';
const SavedPriority = z.array(ProviderId);

/**
 * Real exchanges first (the prices the trader trades at), then the data APIs, keyless before keyed; the demo venue
 * last, because its prices are simulated.
 */
export const DEFAULT_PRIORITY: readonly ProviderIdT[] = [
  'binance',
  'gate',
  'mexc',
  'mt5',
  'yahoo',
  'coinmarketcap',
  'polygon',
  'alpha-vantage',
  'demo',
];

export class ProviderPriority {
  constructor(private readonly settings: SettingsRepository) {}

  /** The full order: saved first, then every other known source by default order. */
  get(): ProviderIdT[] {
    const saved = this.settings.get(KEY, SavedPriority) ?? [];
    const order = [...new Set(saved)];
    for (const id of DEFAULT_PRIORITY) if (!order.includes(id)) order.push(id);
    return order;
  }

  set(priority: readonly ProviderIdT[]): ProviderIdT[] {
    if (new Set(priority).size !== priority.length) {
      throw new AppError('INVALID_REQUEST', 'the priority order names a source twice');
    }
    this.settings.set(KEY, priority);
    return this.get();
  }
}
