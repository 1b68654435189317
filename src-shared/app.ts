// The app itself (`app:info`): its name and version, the transport, the venues it offers and the caller's role.
import { z } from 'zod';
import { TradingMode, VenueId } from './domain';
import { Role } from './roles';

const NoPayload = z.object({}).strict();

export const VenueSummary = z.object({
  id: VenueId,
  name: z.string(),
  mode: TradingMode,
  available: z.boolean(),
  /** Not available yet, but its saved account is connecting or offline (retried by itself): it opens on its own. */
  pending: z.enum(['connecting', 'offline']).optional(),
  /** While offline: when the venue is tried again. */
  retryAt: z.number().int().nonnegative().optional(),
});
export type VenueSummary = z.infer<typeof VenueSummary>;

export const appChannels = {
  'app:info': {
    req: NoPayload,
    res: z.object({
      name: z.string(),
      version: z.string(),
      transport: z.enum(['ipc', 'websocket']),
      defaultVenue: VenueId,
      venues: z.array(VenueSummary),
      /** The calling session's role: a viewer's UI hides what it may not do. */
      role: Role,
    }),
  },
} as const;
