// Positions in the words and figures a trader reads: decimals of prices and lots, the checks of a partial close and
// of new SL/TP before anything is sent, the question "Close all positions" asks and the answers it reports.
import { AppError, type ClosedPosition, type Market, type Position, type PositionFailure, type PositionRef } from '../../../src-shared';
import { errorMessage } from '../../format/error-message';
import { readNumber } from '../../format/number-hint';
import { formatPrice } from '../../format/numbers';
import { MARKS } from '../../format/parse-number';
import { currentLanguage, t } from '../../i18n';

/** A deal's entry (in, out, reversal) in the current language. */
export function entryWords(entry: 'in' | 'out' | 'inout'): string {
  return t(`positions:entry.${entry}`);
}

/** A position's name in rows and labels: "EUR/USD #70001". */
export function positionName(position: Pick<Position, 'symbol' | 'id'>): string {
  return `${position.symbol} #${position.id}`;
}

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


/** The volume of a partial close: more than 0 and at most what the position holds. */
export function parseCloseVolume(text: string, position: Pick<Position, 'volume'>, decimals: number): Parsed<number> {
  // Read in the trader's convention (vi 0,01; en 0.01); an unreadable one gets the reader's hint.
  const { value: volume, error } = readNumber(text);
  if (error !== undefined) return { ok: false, message: error };
  if (volume === undefined) return { ok: false, message: t('positions:partial.typeVolume', { example: formatPrice(0.01, 2) }) };
  if (volume <= 0) return { ok: false, message: t('positions:partial.moreThanZero') };
  // Compared at the lots' decimals: 0.1 + 0.2 typed as 0.3 is not "more than" a 0.3 position.
  if (Number(volume.toFixed(decimals)) > Number(position.volume.toFixed(decimals))) {
    return { ok: false, message: t('positions:partial.atMost', { max: formatPrice(position.volume, decimals) }) };
  }
  return { ok: true, value: volume };
}

/** A new stop loss or take profit: a price above 0, or empty to remove it (null). */
export function parseStop(text: string, level: 'stopLoss' | 'takeProfit'): Parsed<number | null> {
  const { value: price, error } = readNumber(text);
  if (error === undefined && price === undefined) return { ok: true, value: null };
  const name = t(`positions:stops.${level}`);
  if (error !== undefined) return { ok: false, message: `${name}: ${error}` };
  if (price === undefined || price <= 0) return { ok: false, message: t('positions:stops.badPrice', { name }) };
  return { ok: true, value: price };
}

/** A held SL/TP as the field shows it to edit: the language's decimal mark, no thousands separators. */
export function stopFieldText(value: number | undefined, decimals: number): string {
  return value === undefined ? '' : value.toFixed(decimals).replace('.', MARKS[currentLanguage()].decimal);
}

/** "Close 3 positions on 2 accounts?" */
export function closeAllQuestion(positions: readonly Pick<Position, 'venue' | 'account'>[]): string {
  const accounts = new Set(positions.map((p) => `${p.venue}|${p.account}`)).size;
  return t('positions:closeAll.question', {
    positions: t('positions:closeAll.positions', { count: positions.length }),
    accounts: t('positions:closeAll.accounts', { count: accounts }),
  });
}

/** "EUR/USD #70001 (login 5012345): closed 0.10 lots at 1.08201" (and what stays open after a partial close). */
export function closedWords(closed: ClosedPosition, decimals: PositionDecimals): string {
  const figures = {
    symbol: closed.symbol,
    id: closed.id,
    account: closed.account,
    volume: formatPrice(closed.volume, decimals.volume),
    price: formatPrice(closed.price, decimals.price),
  };
  return closed.remaining > 0
    ? t('positions:words.closedPartly', { ...figures, remaining: formatPrice(closed.remaining, decimals.volume) })
    : t('positions:words.closed', figures);
}

/** "EUR/USD #70002 (login 5012345): <why>", or the account alone when it could not be asked at all. */
export function failureWords(failure: PositionFailure): string {
  // Main's code and reason, in the screen's language (the English message where no translation says more).
  const why = errorMessage(AppError.fromData(failure.error));
  return failure.id
    ? t('positions:words.failure', { symbol: failure.symbol ?? t('positions:words.position'), id: failure.id, account: failure.account, why })
    : t('positions:words.failureAccount', { account: failure.account, why });
}
