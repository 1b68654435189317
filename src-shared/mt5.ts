// MetaTrader 5 terminals (`mt5:*`): the bridge the Expert Advisor connects to (docs/mt5-protocol.md), the pairing
// token the trader types into the EA, and the terminals connected or refused.
import { z } from 'zod';

const timestamp = z.number().int().nonnegative();
const Login = z.string().min(1).max(32);

export const Mt5TerminalSummary = z.object({
  login: Login,
  server: z.string(),
  /** The broker. */
  company: z.string(),
  /** The account holder's name as the broker has it. */
  name: z.string(),
  currency: z.string(),
  leverage: z.number().int(),
  marginMode: z.enum(['hedging', 'netting', 'exchange']),
  /** AutoTrading on and the account allowed to trade. */
  tradeAllowed: z.boolean(),
  build: z.number().int(),
  eaVersion: z.string(),
  connected: z.boolean(),
  /** When it said hello (connected) or was last heard from (disconnected). */
  since: timestamp,
  /** The terminal the MetaTrader 5 venue trades through: the ticket, orders and kill switch act on this one. */
  trading: z.boolean(),
  figures: z
    .object({ balance: z.number(), equity: z.number(), margin: z.number(), freeMargin: z.number(), marginLevel: z.number() })
    .optional(),
});
export type Mt5TerminalSummary = z.infer<typeof Mt5TerminalSummary>;

export const Mt5Refusal = z.object({
  at: timestamp,
  reason: z.enum(['version', 'token', 'hello']),
  login: z.string().optional(),
  server: z.string().optional(),
  /** What to do about it, in the trader's words. */
  message: z.string(),
});
export type Mt5Refusal = z.infer<typeof Mt5Refusal>;

/** The bridge as every window may see it: no token. */
export const Mt5BridgeStatus = z.object({
  /** Whether the app listens for terminals; `problem` says why not (port taken…). */
  listening: z.boolean(),
  host: z.literal('127.0.0.1'),
  port: z.number().int().min(0).max(65535),
  problem: z.string().optional(),
  terminals: z.array(Mt5TerminalSummary),
  /** The latest refused connections, newest first (at most 10). */
  refusals: z.array(Mt5Refusal),
});
export type Mt5BridgeStatus = z.infer<typeof Mt5BridgeStatus>;

const NoPayload = z.object({}).strict();

export const mt5Channels = {
  'mt5:bridge': { req: NoPayload, res: Mt5BridgeStatus },
  /** The pairing token to type into the EA's InpToken input; made and kept in the secret store on first use. */
  'mt5:pairing': { req: NoPayload, res: z.object({ token: z.string(), host: z.literal('127.0.0.1'), port: z.number().int() }) },
  /** A new token: terminals still connected stay; the next hello with the old token is refused. */
  'mt5:renew-pairing': { req: NoPayload, res: z.object({ token: z.string(), host: z.literal('127.0.0.1'), port: z.number().int() }) },
  /** Chooses the terminal the MetaTrader 5 venue trades through; refused while the current one has open orders. */
  'mt5:use-for-trading': { req: z.object({ login: Login }).strict(), res: Mt5BridgeStatus },
} as const;

export const mt5Events = {
  'mt5.bridge-changed': Mt5BridgeStatus,
} as const;
