// The order ticket's state: what is typed, which fields the trader has edited (an empty field shows its message only
// once edited: a fresh ticket does not greet the trader with errors), the submission in flight and which order it
// placed. The order itself lives in the orders store, kept current by its events: the ticket reads its status there.
import { create } from 'zustand';
import type { Order, OrderSide, OrderType, PlaceOrder } from '../../../src-shared';
import type { ApiClient } from '../../api/client';
import type { TicketFields } from './ticket-form';
import { errorMessage } from '../../format/error-message';
import { findOrder, type OrderLists } from '../orders/order-lists';
import { useOrders } from '../orders/orders-store';

export type NumberField = 'amount' | 'price' | 'stopPrice';

/** What the last submit came to: the id of the order placed, or main's refusal in its words. */
/** A refusal keeps main's error, so that its sentence follows a language switch (it is worded when shown). */
export type Placement = { kind: 'placed'; clientOrderId: string } | { kind: 'refused'; error: unknown };

export type TicketResult = { kind: 'order'; order: Order } | { kind: 'refused'; message: string };

/** What the ticket shows of its last submit: the placed order as the orders store holds it now, or the refusal. */
export function ticketResult(placement: Placement | undefined, lists: OrderLists): TicketResult | undefined {
  if (placement?.kind === 'refused') return { kind: 'refused', message: errorMessage(placement.error) };
  if (placement?.kind !== 'placed') return placement;
  const order = findOrder(lists, placement.clientOrderId);
  return order && { kind: 'order', order };
}

interface TicketState extends TicketFields {
  touched: Record<NumberField, boolean>;
  /** Counts Esc presses (and market switches): the price is filled in again from the last price after each. */
  clears: number;
  submitting: boolean;
  placement: Placement | undefined;
  /** Incremented when B or S asks for the ticket: the form moves focus to the amount. */
  focusRequest: number;
  setSide(side: OrderSide): void;
  /** A limit or stop order starts from the last price: what a trader edits is usually a few ticks away. */
  setType(type: OrderType, lastPriceText: string): void;
  setField(field: NumberField, text: string): void;
  touchAll(): void;
  requestFocus(side: OrderSide): void;
  /**
   * Esc: empties the numbers and the last answer; the side and type stay as the trader set them, and the ticket
   * fills the price in again from the last price.
   */
  clear(): void;
  place(api: ApiClient, order: PlaceOrder): Promise<void>;
}

const UNTOUCHED: Record<NumberField, boolean> = { amount: false, price: false, stopPrice: false };

export const useTicket = create<TicketState>((set, get) => ({
  side: 'buy',
  type: 'limit',
  amount: '',
  price: '',
  stopPrice: '',
  touched: UNTOUCHED,
  clears: 0,
  submitting: false,
  placement: undefined,
  focusRequest: 0,

  setSide(side) {
    set({ side });
  },

  setType(type, lastPriceText) {
    if (type === get().type) return;
    const next: Partial<TicketState> = { type };
    if (type !== 'market' && lastPriceText) next.price = lastPriceText;
    if (type !== 'stop-limit') next.stopPrice = '';
    set({ ...next, touched: { ...get().touched, price: false, stopPrice: false } });
  },

  setField(field, text) {
    set({ [field]: text, touched: { ...get().touched, [field]: true } } as Partial<TicketState>);
  },

  touchAll() {
    set({ touched: { amount: true, price: true, stopPrice: true } });
  },

  requestFocus(side) {
    set({ side, focusRequest: get().focusRequest + 1 });
  },

  clear() {
    set({ amount: '', price: '', stopPrice: '', touched: UNTOUCHED, placement: undefined, clears: get().clears + 1 });
  },

  async place(api, order) {
    if (get().submitting) return;
    set({ submitting: true, placement: undefined });
    try {
      const placed = await useOrders.getState().place(api, order);
      set({ placement: { kind: 'placed', clientOrderId: placed.clientOrderId } });
    } catch (error) {
      set({ placement: { kind: 'refused', error } });
    } finally {
      set({ submitting: false });
    }
  },
}));
