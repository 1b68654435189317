// Everything a simulated account is: balances, every order it ever took (with the funds each resting one holds),
// its fills and the counters its ids come from. Plain JSON values, schema-checked when read back, because the
// database file can be edited by other tools.
import { z } from 'zod';
import { Order, Trade } from '../../../src-shared';

export const SimulatedMode = z.enum(['demo', 'paper']);
export type SimulatedMode = z.infer<typeof SimulatedMode>;

const amount = z.number().finite().nonnegative();

export const AssetFunds = z.object({ free: amount, used: amount });
export type AssetFunds = z.infer<typeof AssetFunds>;

export const BookedOrder = z.object({
  order: Order,
  /** A stop-limit whose stop has been crossed: it now rests as a plain limit order. */
  triggered: z.boolean(),
  /** Funds this order holds while it rests (quote for a buy, base for a sell); 0 once final. */
  lockedAsset: z.string().min(1),
  locked: amount,
});
export type BookedOrder = z.infer<typeof BookedOrder>;

export const AccountState = z.object({
  /** Bumped when the shape changes, so an old saved account can be read (or refused) knowingly. */
  format: z.literal(1),
  balances: z.record(z.string().min(1), AssetFunds),
  /** Oldest first; resting orders are matched in this order. */
  orders: z.array(BookedOrder),
  /** Oldest first. */
  trades: z.array(Trade),
  nextOrderId: z.number().int().positive(),
  nextTradeId: z.number().int().positive(),
});
export type AccountState = z.infer<typeof AccountState>;

/** What a trader trying the app starts with: enough to buy, and a little of each major coin to sell. */
export const DEFAULT_STARTING_BALANCES: Readonly<Record<string, number>> = Object.freeze({
  USDT: 10_000,
  BTC: 0.1,
  ETH: 1,
});

export function freshAccount(starting: Readonly<Record<string, number>>): AccountState {
  const balances: Record<string, AssetFunds> = {};
  for (const [asset, free] of Object.entries(starting)) {
    if (free > 0) balances[asset] = { free: tidy(free), used: 0 };
  }
  return { format: 1, balances, orders: [], trades: [], nextOrderId: 1, nextTradeId: 1 };
}

/** Refuses starting balances no account can hold, before anything is replaced with them. */
export function checkStartingBalances(starting: Readonly<Record<string, number>>): string | undefined {
  for (const [asset, value] of Object.entries(starting)) {
    if (!/^[A-Z0-9]{1,20}$/.test(asset)) return `"${asset}" is not an asset name such as USDT or BTC`;
    if (!Number.isFinite(value) || value < 0) return `the starting ${asset} balance must be zero or more, got ${value}`;
  }
  return undefined;
}

/**
 * Binary floating point turns 0.1 + 0.2 into 0.30000000000000004; 15 significant digits is what a double holds
 * exactly, so rounding there drops the noise without moving any real figure. Dust left by it counts as zero.
 */
export function tidy(value: number): number {
  const rounded = Number(value.toPrecision(15));
  return Math.abs(rounded) < 1e-12 ? 0 : rounded;
}

/** Whether `free` covers `needed`, forgiving only the float noise `tidy` would remove. */
export function covers(free: number, needed: number): boolean {
  return tidy(free - needed) >= 0;
}

/** The part of an account that money moves in: what the ledger functions change. */
export interface Funds {
  balances: Record<string, AssetFunds>;
}

export function fundsOf(state: Funds, asset: string): AssetFunds {
  let funds = state.balances[asset];
  if (!funds) state.balances[asset] = funds = { free: 0, used: 0 };
  return funds;
}

/** Moves `value` of `asset` from free to used (the caller has checked that it is there). */
export function lock(state: Funds, asset: string, value: number): void {
  const funds = fundsOf(state, asset);
  funds.free = Math.max(0, tidy(funds.free - value));
  funds.used = tidy(funds.used + value);
}

/** Moves `value` of `asset` from used back to free. */
export function unlock(state: Funds, asset: string, value: number): void {
  const funds = fundsOf(state, asset);
  funds.used = Math.max(0, tidy(funds.used - value));
  funds.free = tidy(funds.free + value);
}

/** Adds (or, negative, takes) free funds. */
export function credit(state: Funds, asset: string, value: number): void {
  const funds = fundsOf(state, asset);
  funds.free = Math.max(0, tidy(funds.free + value));
}

export function isResting(booked: BookedOrder): boolean {
  return booked.order.status === 'open' || booked.order.status === 'partially-filled';
}

/** What one change did, as the store saves it and the book applies it. */
export interface AccountChange {
  /** Every balance after the change. */
  balances: Record<string, AssetFunds>;
  nextOrderId: number;
  nextTradeId: number;
  /** Orders created or changed, as they are now. */
  orders: BookedOrder[];
  /** Fills of the change, oldest first. */
  trades: Trade[];
  /** Drop everything saved before this change first (an unreadable account starting over). */
  startOver?: boolean;
}
