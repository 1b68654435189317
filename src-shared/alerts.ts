// Shapes of the price-alert channels (`alerts:*`) and the events they push.
import { z } from 'zod';
import { Symbol, VenueId } from './domain';

/** A rule fired: what the alerts service publishes, the notification service sends and the UI shows. */
export const AlertTriggered = z.object({
  ruleId: z.string(),
  venue: VenueId,
  symbol: Symbol,
  /** The rule in words, e.g. "BTC/USDT above 65,000". */
  description: z.string(),
  /** The price that fired it. */
  price: z.number().positive(),
  at: z.number().int().nonnegative(),
});
export type AlertTriggered = z.infer<typeof AlertTriggered>;

export const alertChannels = {} as const;

export const alertEvents = {
  'alert.triggered': AlertTriggered,
} as const;
