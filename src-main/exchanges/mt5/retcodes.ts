// What each TRADE_RETCODE_* means for an order (docs/mt5-protocol.md, "Retcodes"): accepted, unknown (resolved by
// `find`, never resent), or refused with a message that says what the trader can do about it.
import { AppError, type ErrorCode } from '../../../src-shared';
import type { Mt5Symbol } from './protocol';

export type RetcodeOutcome =
  | { kind: 'accepted'; partial: boolean; placed: boolean }
  | { kind: 'unknown'; error: AppError }
  | { kind: 'refused'; error: AppError };

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const clock = (seconds: number) => `${String(Math.floor(seconds / 3600)).padStart(2, '0')}:${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}`;

/** "Mon 00:00–24:00, Tue 00:00–24:00…" in server time, for a market-closed refusal. */
export function describeSessions(symbol: Mt5Symbol): string {
  if (symbol.sessions.length === 0) return 'the broker lists no trading sessions for it';
  return symbol.sessions.map((s) => `${DAYS[s.day]} ${clock(s.from)}–${clock(s.to)}`).join(', ') + ' (server time)';
}

export function retcodeOutcome(retcode: number, terminalMessage: string, symbol?: Mt5Symbol): RetcodeOutcome {
  const name = symbol?.name ?? 'this symbol';
  const refuse = (code: ErrorCode, message: string, options: { retryAfterMs?: number } = {}): RetcodeOutcome => ({ kind: 'refused', error: new AppError(code, message, undefined, options) });
  const unknown = (code: ErrorCode, what: string): RetcodeOutcome => ({
    kind: 'unknown',
    error: new AppError(code, `MetaTrader 5 answered "${what}" (retcode ${retcode}): the order may or may not have been placed; it is being checked by its client order id`),
  });
  switch (retcode) {
    case 10008: return { kind: 'accepted', partial: false, placed: true };
    case 10009: return { kind: 'accepted', partial: false, placed: false };
    case 10010: return { kind: 'accepted', partial: true, placed: false };
    case 10011: return unknown('VENUE_UNAVAILABLE', 'request processing error');
    case 10012: return unknown('TIMEOUT', 'request canceled by timeout');
    case 10031: return unknown('VENUE_UNAVAILABLE', 'no connection with the trade server');
    case 10004:
    case 10020:
    case 10021:
      // A market order is never retried by itself: the trader sees the new price and decides.
      return refuse('ORDER_REJECTED', `The price of ${name} moved before the broker filled the order (retcode ${retcode}): check the price and confirm again.`);
    case 10024: return refuse('RATE_LIMITED', 'The broker received too many requests: wait a moment before sending the next order.', { retryAfterMs: 2_000 });
    case 10018: return refuse('ORDER_REJECTED', `The market for ${name} is closed. It trades ${symbol ? describeSessions(symbol) : 'in its broker sessions'}.`);
    case 10019: return refuse('INSUFFICIENT_FUNDS', 'Not enough free margin for this order: reduce the volume or add funds.');
    case 10014:
      return refuse('ORDER_REJECTED', symbol
        ? `Invalid volume for ${name}: from ${symbol.volumeMin} to ${symbol.volumeMax} lots, in steps of ${symbol.volumeStep}.`
        : 'Invalid volume for this symbol.');
    case 10015:
      return refuse('ORDER_REJECTED', symbol
        ? `Invalid price for ${name}: prices have ${symbol.digits} decimals, and a pending order must be at least ${symbol.stopsLevel} points from the market, on the right side.`
        : 'Invalid price for this order.');
    case 10016:
      return refuse('ORDER_REJECTED', symbol
        ? `Invalid stop loss or take profit for ${name}: they must be on the right side of the price and at least ${symbol.stopsLevel} points from it.`
        : 'Invalid stop loss or take profit.');
    case 10017: return refuse('ORDER_REJECTED', `Trading is disabled for ${name} or for this account.`);
    case 10026: return refuse('ORDER_REJECTED', "The broker's server has disabled automated trading for this account.");
    case 10027: return refuse('ORDER_REJECTED', "Algo trading is off in MetaTrader 5: press the Algo Trading button in the terminal's toolbar, then send the order again.");
    default: return refuse('ORDER_REJECTED', `MetaTrader 5 refused the order: ${terminalMessage || 'no reason given'} (retcode ${retcode}).`);
  }
}
