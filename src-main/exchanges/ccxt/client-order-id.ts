// Helpers every venue profile uses for client order ids: making one in the venue's alphabet, and finding an order
// by one. The id is what lets the order service resolve an order whose create response was lost.
import { randomBytes } from 'node:crypto';
import type { Exchange, Order as CcxtOrder } from 'ccxt';
import { ccxtLib } from './ccxt-lib';

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * `prefix` followed by random characters from `alphabet`, `length` characters in all. 16 random base-36 characters
 * give ~82 bits: collisions between a trader's own orders are not a practical concern.
 */
export function randomClientOrderId(prefix: string, length: number, alphabet: string = ALPHANUMERIC): string {
  const size = length - prefix.length;
  if (size < 8) throw new Error(`client order id of ${length} leaves too little room after the prefix ${prefix}`);
  const bytes = randomBytes(size);
  let id = prefix;
  // Modulo bias over a 36-letter alphabet is < 1 %: irrelevant for uniqueness.
  for (const byte of bytes) id += alphabet[byte % alphabet.length];
  return id;
}

/** ccxt types `fetchOrder`'s id as required, but venues that look up by client id accept it absent. */
type FetchOrderById = (id: string | undefined, symbol: string, params: Record<string, unknown>) => Promise<CcxtOrder>;

/**
 * The common lookup: `fetchOrder` with the client id in `param` instead of an exchange id; the venue's "no such
 * order" (OrderNotFound in ccxt) means the create never arrived, which is an answer, not an error.
 */
export async function fetchOrderByClientIdParam(
  ex: Exchange,
  symbol: string,
  param: string,
  clientOrderId: string,
): Promise<CcxtOrder | undefined> {
  const fetchOrder = ex.fetchOrder.bind(ex) as FetchOrderById;
  try {
    return await fetchOrder(undefined, symbol, { [param]: clientOrderId });
  } catch (error) {
    if (error instanceof ccxtLib().OrderNotFound) return undefined;
    throw error;
  }
}
