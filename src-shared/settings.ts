// What the trader last looked at and how the screen looks (`settings:*`), restored at the next start.
import { z } from 'zod';
import { Symbol, Timeframe, VenueId } from './domain';

const NoPayload = z.object({}).strict();

export const Theme = z.enum(['dark', 'light']);
export type Theme = z.infer<typeof Theme>;
/** Rising and falling, buy and sell: green/red, or blue/orange for red-green colour blindness. */
export const Palette = z.enum(['green-red', 'blue-orange']);
export type Palette = z.infer<typeof Palette>;
/** Times on screen: the trader's local zone or UTC. */
export const TimeZoneChoice = z.enum(['local', 'utc']);
export type TimeZoneChoice = z.infer<typeof TimeZoneChoice>;

/** The languages of the UI (and of notifications): English and Vietnamese. */
export const Language = z.enum(['en', 'vi']);
export type Language = z.infer<typeof Language>;

/** What the trader last looked at, restored at the next start. */
export const Preferences = z.object({
  venue: VenueId,
  symbol: Symbol,
  timeframe: Timeframe,
  theme: Theme,
  palette: Palette,
  timeZone: TimeZoneChoice,
  /** Absent until the trader picks one: the screen follows the system's language when it is one of ours. */
  language: Language.optional(),
});
export type Preferences = z.infer<typeof Preferences>;

export const settingsChannels = {
  'settings:get': {
    req: NoPayload,
    res: Preferences,
  },
  'settings:update': {
    req: Preferences.partial().strict(),
    res: Preferences,
  },
} as const;
