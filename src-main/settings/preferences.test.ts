// Preferences over a real SQLite settings table: what an earlier version saved (before the palette existed) keeps
// its venue and symbol and gains the default palette; a display change is saved alone, the rest untouched.
import { describe, expect, it } from 'vitest';
import { VenueDirectory, DemoVenue } from '../exchanges';
import { openDatabase, SettingsRepository } from '../storage';
import { DEFAULT_PREFERENCES, PreferencesService } from './preferences';

function service() {
  const settings = new SettingsRepository(openDatabase(':memory:'));
  const venues = new VenueDirectory();
  venues.add({ venue: new DemoVenue({ seed: 1 }), mode: 'demo' });
  return { settings, prefs: new PreferencesService(settings, venues) };
}

describe('PreferencesService', () => {
  it('fills what an earlier version did not save with its default, keeping the rest', () => {
    const { settings, prefs } = service();
    settings.set('ui.preferences', { venue: 'demo', symbol: 'ETH/USDT', timeframe: '15m', theme: 'light' });
    expect(prefs.get()).toEqual({ venue: 'demo', symbol: 'ETH/USDT', timeframe: '15m', theme: 'light', palette: 'green-red', timeZone: 'local' });
  });

  it('saves a display change without touching the market shown', async () => {
    const { prefs } = service();
    await prefs.update({ symbol: 'SOL/USDT' });
    await prefs.update({ palette: 'blue-orange', theme: 'light', timeZone: 'utc' });
    expect(prefs.get()).toEqual({ ...DEFAULT_PREFERENCES, symbol: 'SOL/USDT', palette: 'blue-orange', theme: 'light', timeZone: 'utc' });
  });
});
