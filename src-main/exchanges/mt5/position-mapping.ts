// MT5 positions and deals as the app's Position and Deal. Prices and volumes pass through; times move from the trade
// server's clock to UTC; 0 means "none" in MT5 (no stop loss, no current price) and becomes an absent field.
import type { Deal, Position, Symbol } from '../../../src-shared';
import type { Mt5Deal, Mt5Position } from './protocol';

export interface AccountContext {
  login: string;
  currency: string;
  serverOffsetMs: number;
  /** The app's symbol of a terminal symbol name. */
  symbolOf(name: string): Symbol;
}

const positiveOrAbsent = (value: number) => (value > 0 ? value : undefined);
const utc = (serverTime: number, offset: number) => Math.max(0, Math.round(serverTime - offset));

export function toPosition(position: Mt5Position, context: AccountContext): Position | undefined {
  if (!(position.volume > 0 && position.priceOpen > 0)) return undefined;
  const mapped: Position = {
    venue: 'mt5',
    account: context.login,
    id: position.ticket,
    symbol: context.symbolOf(position.symbol),
    side: position.side,
    volume: position.volume,
    openPrice: position.priceOpen,
    swap: position.swap,
    profit: position.profit,
    currency: context.currency,
    openedAt: utc(position.time, context.serverOffsetMs),
  };
  const optional = { currentPrice: positiveOrAbsent(position.priceCurrent), stopLoss: positiveOrAbsent(position.sl), takeProfit: positiveOrAbsent(position.tp) };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(mapped, { [key]: value });
  return mapped;
}

/** Trading deals only: balance operations, credits and charges are money moved, not trades. */
export function toDeal(deal: Mt5Deal, context: AccountContext): Deal | undefined {
  if ((deal.type !== 'buy' && deal.type !== 'sell') || !(deal.volume > 0 && deal.price > 0)) return undefined;
  const mapped: Deal = {
    venue: 'mt5',
    account: context.login,
    id: deal.ticket,
    positionId: deal.positionId,
    symbol: context.symbolOf(deal.symbol),
    side: deal.type,
    entry: deal.entry === 'out_by' ? 'out' : deal.entry,
    volume: deal.volume,
    price: deal.price,
    profit: deal.profit,
    commission: deal.commission + deal.fee,
    swap: deal.swap,
    currency: context.currency,
    time: utc(deal.time, context.serverOffsetMs),
  };
  if (deal.comment.startsWith('tbs:') && deal.comment.length > 4) mapped.clientOrderId = deal.comment.slice(4);
  return mapped;
}
