// Positions in the words and figures a trader reads: decimals of prices and lots, the checks of a partial close and
// of new SL/TP before anything is sent, the question "Close all positions" asks and the answers it reports.
import type { ClosedPosition, Market, Position, PositionFailure, PositionRef } from '../../../src-shared';
import { formatPrice } from '../../format/numbers';

export const ENTRY_WORDS = { in: 'In', out: 'Out', inout: 'Reversal' } as const;

/** One row per position across venues and accounts. */
export function positionKey(ref: PositionRef): string {
  return `${ref.venue}|${ref.account}|${ref.id}`;
}

/** Decimals written in a number, at most 8 (1.082 → 3; 2650.15 → 2). */
export function decimalsIn(value: number | undefined): number {
  if (value === undefined || !Number.isFinite(value)) return 0;
  const text = String(Number(value.toFixed(8)));
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : Math.min(8, text.length - dot - 1);
}

export interface PositionDecimals {
  price: number;
  volume: number;
}

/**
 * The market's precision when the venue's markets are at hand; otherwise as many decimals as the prices themselves
 * carry (at least 2), so 1.08201 is not shown as 1.08. Lots: the volume's own decimals, at least 2 (MT5's usual step).
 */
export function positionDecimals(position: Position, markets: readonly Market[]): PositionDecimals {
  const market = markets.find((m) => m.venue === position.venue && m.symbol === position.symbol);
  const volume = Math.max(2, decimalsIn(position.volume), market?.amountPrecision ?? 0);
  if (market) return { price: market.pricePrecision, volume };
  const prices = [position.openPrice, position.currentPrice, position.stopLoss, position.takeProfit];
  return { price: Math.max(2, ...prices.map(decimalsIn)), volume };
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** A decimal typed by a trader: "0.05", "0,05" and " 1.2 " are read; anything else is not a number. */
function readDecimal(text: string): number | undefined {
  const cleaned = text.trim().replace(',', '.');
  return /^\d+(\.\d+)?$|^\.\d+$/.test(cleaned) ? Number(cleaned) : undefined;
}

/** The volume of a partial close: more than 0 and at most what the position holds. */
export function parseCloseVolume(text: string, position: Pick<Position, 'volume'>, decimals: number): Parsed<number> {
  const volume = readDecimal(text);
  if (volume === undefined) return { ok: false, message: 'Type the volume to close in lots, e.g. 0.01.' };
  if (volume <= 0) return { ok: false, message: 'The volume to close must be more than 0.' };
  // Compared at the lots' decimals: 0.1 + 0.2 typed as 0.3 is not "more than" a 0.3 position.
  if (Number(volume.toFixed(decimals)) > Number(position.volume.toFixed(decimals))) {
    return { ok: false, message: `At most ${formatPrice(position.volume, decimals)} lots: the position's volume.` };
  }
  return { ok: true, value: volume };
}

/** A new stop loss or take profit: a price above 0, or empty to remove it (null). */
export function parseStop(text: string, name: 'Stop loss' | 'Take profit'): Parsed<number | null> {
  if (text.trim() === '') return { ok: true, value: null };
  const price = readDecimal(text);
  if (price === undefined || price <= 0) return { ok: false, message: `${name}: type a price above 0, or leave it empty to remove it.` };
  return { ok: true, value: price };
}

/** A held SL/TP as the field shows it to edit: plain digits, no separators. */
export function stopFieldText(value: number | undefined, decimals: number): string {
  return value === undefined ? '' : value.toFixed(decimals);
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** "Close 3 positions on 2 accounts?" */
export function closeAllQuestion(positions: readonly Pick<Position, 'venue' | 'account'>[]): string {
  const accounts = new Set(positions.map((p) => `${p.venue}|${p.account}`)).size;
  return `Close ${plural(positions.length, 'position', 'positions')} on ${plural(accounts, 'account', 'accounts')}?`;
}

/** "EUR/USD #70001 (login 5012345): closed 0.10 lots at 1.08201" (and what stays open after a partial close). */
export function closedWords(closed: ClosedPosition, decimals: PositionDecimals): string {
  const rest = closed.remaining > 0 ? `; ${formatPrice(closed.remaining, decimals.volume)} lots stay open` : '';
  return `${closed.symbol} #${closed.id} (login ${closed.account}): closed ${formatPrice(closed.volume, decimals.volume)} lots at ${formatPrice(closed.price, decimals.price)}${rest}`;
}

/** "EUR/USD #70002 (login 5012345): <why>", or the account alone when it could not be asked at all. */
export function failureWords(failure: PositionFailure): string {
  const what = failure.id ? `${failure.symbol ?? 'Position'} #${failure.id} (login ${failure.account})` : `Login ${failure.account}`;
  return `${what}: ${failure.error.message}`;
}
