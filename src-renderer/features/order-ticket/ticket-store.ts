// The order ticket's state: what is typed, which fields the trader has edited (an empty field shows its message only
// once edited: a fresh ticket does not greet the trader with errors), the submission in flight and main's answer,
// followed as the order's events arrive.
import { create } from 'zustand';
import type { Order, OrderSide, OrderType, PlaceOrder } from '../../../src-shared';
import type { ApiClient } from '../../api/client';
import type { TicketFields } from './ticket-form';
import { errorMessage } from '../../format/error-message';

export type NumberField = 'amount' | 'price' | 'stopPrice';

export type TicketResult = { kind: 'order'; order: Order } | { kind: 'refused'; message: string };

interface TicketState extends TicketFields {
  touched: Record<NumberField, boolean>;
  /** Counts Esc presses (and market switches): the price is filled in again from the last price after each. */
  clears: number;
  submitting: boolean;
  result: TicketResult | undefined;
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
  place(api: ApiClient, order: PlaceOrder): Promise<Order | undefined>;
  receiveOrder(order: Order): void;
}

/** Order events pushed while a placement is awaiting its answer. */
let seenWhileSubmitting: Order[] | undefined;

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
  result: undefined,
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
    set({ amount: '', price: '', stopPrice: '', touched: UNTOUCHED, result: undefined, clears: get().clears + 1 });
  },

  async place(api, order) {
    if (get().submitting) return undefined;
    seenWhileSubmitting = [];
    set({ submitting: true, result: undefined });
    try {
      const placed = await api.call('orders:place', order);
      // The order's own events may have come before the answer, with a later state: show the newest.
      const newest = (seenWhileSubmitting ?? [])
        .filter((seen) => seen.clientOrderId === placed.clientOrderId)
        .reduce((best, seen) => (seen.updatedAt > best.updatedAt ? seen : best), placed);
      set({ result: { kind: 'order', order: newest } });
      return placed;
    } catch (error) {
      set({ result: { kind: 'refused', message: errorMessage(error) } });
      return undefined;
    } finally {
      seenWhileSubmitting = undefined;
      set({ submitting: false });
    }
  },

  receiveOrder(order) {
    seenWhileSubmitting?.push(order);
    const held = get().result;
    if (held?.kind !== 'order' || held.order.clientOrderId !== order.clientOrderId) return;
    if (order.updatedAt >= held.order.updatedAt) set({ result: { kind: 'order', order } });
  },
}));
