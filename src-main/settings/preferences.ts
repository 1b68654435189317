// What the trader last looked at (venue, symbol, timeframe) and how the screen looks (theme, palette), restored at
// the next start.
import { AppError, Preferences, type Preferences as PreferencesT } from '../../src-shared';
import type { VenueDirectory } from '../exchanges';
import type { SettingsRepository } from '../storage';

const KEY = 'ui.preferences';

export const DEFAULT_PREFERENCES: PreferencesT = { venue: 'demo', symbol: 'BTC/USDT', timeframe: '1m', theme: 'dark', palette: 'green-red', timeZone: 'local' };

/** As saved: preferences added later (palette, time zone) are absent from what an earlier version saved. */
const Saved = Preferences.partial();

export class PreferencesService {
  constructor(
    private readonly settings: SettingsRepository,
    private readonly venues: VenueDirectory,
  ) {}

  get(): PreferencesT {
    return { ...DEFAULT_PREFERENCES, ...this.settings.get(KEY, Saved) };
  }

  /** Merges a change; a symbol the venue does not list is refused and nothing is saved. */
  async update(change: Partial<PreferencesT>): Promise<PreferencesT> {
    const next = { ...this.get(), ...change };
    if (change.venue !== undefined || change.symbol !== undefined) {
      const markets = await this.venues.get(next.venue).markets();
      if (!markets.some((market) => market.symbol === next.symbol)) {
        throw new AppError('INVALID_REQUEST', `${next.venue} has no market ${next.symbol}`);
      }
    }
    this.settings.set(KEY, next);
    return next;
  }
}
