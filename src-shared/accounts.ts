// Exchange accounts (`accounts:*`): the one request that carries keys in, and summaries that only say whether each
// key is set.
import { z } from 'zod';
import { VenueId } from './domain';
import { ApiErrorData } from './errors';

const NoPayload = z.object({}).strict();

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' });
const wsUrl = z.url({ protocol: /^wss?$/, error: 'must be a ws:// or wss:// address' });

/**
 * An exchange account to add. The only request that carries secrets: they go from here to the OS keychain in main,
 * and no response ever carries them back. Surrounding spaces (a sloppy copy and paste) are trimmed.
 */
export const NewAccount = z
  .object({
    venue: VenueId,
    /** A name for the trader; the venue's name when empty. */
    label: z.string().trim().max(60).optional(),
    apiKey: z.string().trim().min(1, 'enter the API key').max(1024),
    secret: z.string().trim().min(1, 'enter the API secret').max(4096),
    /** The passphrase of venues that have one; empty means none. */
    password: z.string().trim().max(1024).optional(),
    /** The venue's testnet / sandbox. */
    sandbox: z.boolean().default(false),
    /** Replaces the venue's REST base URL (testnet, regional endpoint, proxy, self-hosted gateway). */
    restBaseUrl: httpUrl.optional(),
    /** Replaces the venue's WebSocket base URL. */
    wsBaseUrl: wsUrl.optional(),
    /**
     * The trader confirmed an http:// or ws:// base URL to another machine (keys and signed requests in clear text);
     * without it such a URL is refused. Loopback needs no confirmation.
     */
    allowInsecure: z.boolean().default(false),
  })
  .strict();
export type NewAccount = z.input<typeof NewAccount>;

/**
 * connecting: being checked (at start); offline: the venue could not be reached and is retried by itself (`retryAt`);
 * needs-attention: the last check failed for a reason retrying cannot fix (refused keys), `problem` says what to do.
 */
export const AccountStatus = z.enum(['connecting', 'connected', 'offline', 'needs-attention']);
export type AccountStatus = z.infer<typeof AccountStatus>;

/** What the renderer may know of an account: whether each secret is set, never its value. */
export const AccountSummary = z.object({
  id: z.string(),
  venue: VenueId,
  label: z.string(),
  sandbox: z.boolean(),
  restBaseUrl: z.string().optional(),
  wsBaseUrl: z.string().optional(),
  createdAt: z.number().int().nonnegative(),
  apiKeySet: z.boolean(),
  secretSet: z.boolean(),
  passwordSet: z.boolean(),
  status: AccountStatus,
  problem: ApiErrorData.optional(),
  /** While offline: when the venue is tried again. */
  retryAt: z.number().int().nonnegative().optional(),
});
export type AccountSummary = z.infer<typeof AccountSummary>;

const AccountRef = z.object({ id: z.string().min(1).max(100) }).strict();

export const accountsChannels = {
  'accounts:list': {
    req: NoPayload,
    /** `venues`: the venues an account can be added for. */
    res: z.object({ accounts: z.array(AccountSummary), venues: z.array(VenueId) }),
  },
  'accounts:add': {
    req: NewAccount,
    res: AccountSummary,
  },
  /** Checks the stored keys again with a private call; the summary's status and problem say how it went. */
  'accounts:test': {
    req: AccountRef,
    res: AccountSummary,
  },
  'accounts:remove': {
    req: AccountRef,
    res: z.object({ removed: z.boolean() }),
  },
} as const;
