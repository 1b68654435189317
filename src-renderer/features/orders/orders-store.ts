// Orders, trades and balances of the venue and mode in view: the renderer's one home for orders. Loaded once per view
// (and again after a reconnect), then kept current by the pushed events; no polling. Every version of an order — a
// load, an event, the answer of a place, cancel or check — goes through receiveOrder and one merge rule (by client
// order id, the newest update winning), so an event that comes before the answer that created the order is not lost.
// What arrives while a load is in flight is replayed over the loaded lists.
import { create } from 'zustand';
import { AppError, type Balance, type BalancesChanged, type CancelAllResult, type Order, type PlaceOrder, type Symbol, type Trade } from '../../../src-shared';
import type { ApiClient } from '../../api/client';
import { applyOrder, inView, mergeTrades, partitionOrders, sameView, sortBalances, type OrderLists, type TradingView } from './order-lists';
import { errorMessage } from '../../format/error-message';
import { t } from '../../i18n';
import { busyWhile, withEntry } from '../../stores/row-state';
import { sharedFeed } from '../../stores/shared-feed';

export const HISTORY_LIMIT = 200;
export const TRADES_LIMIT = 200;

export type Section = 'orders' | 'trades' | 'balances';
/** The lists that page back through SQLite a page at a time ("Load older"). */
export type PagedSection = 'orders' | 'trades';

interface OrdersState {
  view: TradingView | undefined;
  lists: OrderLists;
  trades: Trade[];
  balances: Balance[];
  /** Sections whose first load for this view is in flight. */
  loading: Record<Section, boolean>;
  /** Why a section could not be loaded, in words. */
  errors: Partial<Record<Section, string>>;
  /** Client order ids with a cancel or a check in flight. */
  busy: Record<string, 'cancelling' | 'checking'>;
  /** Why the last cancel or check of an order failed. */
  rowErrors: Record<string, string>;
  cancellingAll: boolean;
  /** How many finished orders and trades the lists keep: a page more each time older ones are loaded. */
  historyLimit: number;
  tradesLimit: number;
  /** A page of older rows in flight, or none left. */
  older: Partial<Record<PagedSection, 'loading' | 'end'>>;
  /** The page before the oldest row held, read from SQLite (orders:list / orders:trades after a cursor). */
  loadOlder(api: ApiClient, section: PagedSection): Promise<void>;
  /** Shows the view, loading it unless it is already loaded for this connection. */
  show(api: ApiClient, view: TradingView, generation: number): Promise<void>;
  reload(api: ApiClient): Promise<void>;
  /** Sends an order; its answer joins the lists like any other version of it. Throws main's refusal. */
  place(api: ApiClient, order: PlaceOrder): Promise<Order>;
  cancel(api: ApiClient, clientOrderId: string): Promise<void>;
  cancelAll(api: ApiClient, symbol: Symbol): Promise<CancelAllResult | undefined>;
  check(api: ApiClient, clientOrderId: string): Promise<void>;
  receiveOrder(order: Order): void;
  receiveTrade(trade: Trade): void;
  receiveBalances(change: BalancesChanged): void;
  /** Makes the next show() load again even the view already shown (events may have been missed). */
  invalidate(): void;
}

const NOT_LOADING: Record<Section, boolean> = { orders: false, trades: false, balances: false };
const EMPTY_LISTS: OrderLists = { open: [], history: [] };

/** What events brought while a load was in flight; replayed over its answer. */
interface InFlight {
  seq: number;
  orders: Order[];
  trades: Trade[];
  /** The last balances pushed: newer than what the load read. */
  balances: Balance[] | undefined;
}

export const useOrders = create<OrdersState>((set, get) => {
  let seq = 0;
  let inFlight: InFlight | undefined;
  /** The view and connection generation the lists were loaded for. */
  let loadedFor: { view: TradingView; generation: number } | undefined;

  const whileBusy = busyWhile<'cancelling' | 'checking'>((id, what) => set({ busy: withEntry(get().busy, id, what) }));
  const setRowError = (id: string, error: string | undefined): void => set({ rowErrors: withEntry(get().rowErrors, id, error) });
  /** A row action: its earlier error cleared, the row busy meanwhile, a failure shown on the row in words. */
  const rowAction = (id: string, what: 'cancelling' | 'checking', failure: (error: string) => string, run: () => Promise<void>) =>
    whileBusy(id, what, async () => {
      setRowError(id, undefined);
      try {
        await run();
      } catch (error) {
        setRowError(id, failure(errorMessage(error)));
      }
    });

  const store: OrdersState = {
    view: undefined,
    lists: EMPTY_LISTS,
    trades: [],
    balances: [],
    loading: NOT_LOADING,
    errors: {},
    busy: {},
    rowErrors: {},
    cancellingAll: false,
    historyLimit: HISTORY_LIMIT,
    tradesLimit: TRADES_LIMIT,
    older: {},

    async loadOlder(api, section) {
      const { view, lists, trades, older } = get();
      if (!view || older[section]) return;
      set({ older: { ...older, [section]: 'loading' } });
      const scope = { venue: view.venue, mode: view.mode };
      try {
        if (section === 'trades') {
          const last = trades.at(-1);
          const page = last ? await api.call('orders:trades', { ...scope, limit: TRADES_LIMIT, before: { at: last.timestamp, id: last.id } }) : [];
          if (!sameView(get().view, view)) return;
          const tradesLimit = get().tradesLimit + page.length;
          set({ tradesLimit, trades: mergeTrades(get().trades, page, view, tradesLimit), older: { ...get().older, trades: page.length < TRADES_LIMIT ? 'end' : undefined } });
        } else {
          const last = lists.history.at(-1);
          const before = last ? { at: last.updatedAt, id: last.clientOrderId } : undefined;
          const page = before ? await api.call('orders:list', { scope: 'history', ...scope, limit: HISTORY_LIMIT, before }) : [];
          if (!sameView(get().view, view)) return;
          const historyLimit = get().historyLimit + page.length;
          const current = get().lists;
          set({
            historyLimit,
            lists: partitionOrders([...current.open, ...current.history, ...page], historyLimit),
            older: { ...get().older, orders: page.length < HISTORY_LIMIT ? 'end' : undefined },
          });
        }
      } catch (error) {
        set({ older: { ...get().older, [section]: undefined }, errors: { ...get().errors, [section]: t('orders:errors.older', { error: errorMessage(error) }) } });
      }
    },

    async show(api, view, generation) {
      if (loadedFor && sameView(loadedFor.view, view) && loadedFor.generation === generation) return;
      loadedFor = { view, generation };
      if (!sameView(get().view, view)) {
        set({ view, lists: EMPTY_LISTS, trades: [], balances: [], errors: {}, rowErrors: {}, busy: {}, historyLimit: HISTORY_LIMIT, tradesLimit: TRADES_LIMIT, older: {} });
      }
      await get().reload(api);
    },

    async reload(api) {
      const view = get().view;
      if (!view) return;
      const mine: InFlight = (inFlight = { seq: ++seq, orders: [], trades: [], balances: undefined });
      set({ loading: { orders: true, trades: true, balances: true } });
      const scope = { venue: view.venue, mode: view.mode };
      const [open, history, trades, balances] = await Promise.allSettled([
        api.call('orders:list', { scope: 'open', ...scope, limit: 1000 }),
        api.call('orders:list', { scope: 'history', ...scope, limit: HISTORY_LIMIT }),
        api.call('orders:trades', { ...scope, limit: TRADES_LIMIT }),
        api.call('orders:balances', scope),
      ]);
      // A newer load (another view, a reconnect) owns the lists now.
      if (inFlight !== mine) return;
      inFlight = undefined;
      const errors: Partial<Record<Section, string>> = {};
      const next: Partial<OrdersState> = { loading: NOT_LOADING };
      if (open.status === 'fulfilled' && history.status === 'fulfilled') {
        // Older pages already loaded stay: the reload refreshes the newest page over them.
        next.lists = partitionOrders([...open.value, ...get().lists.history, ...history.value, ...mine.orders], get().historyLimit);
      } else {
        const failed = open.status === 'rejected' ? open : (history as PromiseRejectedResult);
        errors.orders = errorMessage(failed.reason);
      }
      if (trades.status === 'fulfilled') next.trades = mergeTrades([...get().trades, ...trades.value], mine.trades, view, get().tradesLimit);
      else errors.trades = errorMessage(trades.reason);
      if (balances.status === 'fulfilled') next.balances = sortBalances(mine.balances ?? balances.value);
      else errors.balances = errorMessage(balances.reason);
      // A failed load is tried again at the next show(), not remembered as done.
      if (Object.keys(errors).length > 0) loadedFor = undefined;
      set({ ...next, errors });
    },

    async place(api, order) {
      const placed = await api.call('orders:place', order);
      get().receiveOrder(placed);
      return placed;
    },

    cancel: (api, clientOrderId) =>
      rowAction(clientOrderId, 'cancelling', (error) => t('orders:errors.cancel', { error }), async () => get().receiveOrder(await api.call('orders:cancel', { clientOrderId }))),

    async cancelAll(api, symbol) {
      const view = get().view;
      if (!view) return undefined;
      set({ cancellingAll: true });
      try {
        const result = await api.call('orders:cancel-all', { venue: view.venue, mode: view.mode, symbol });
        for (const order of result.cancelled) get().receiveOrder(order);
        for (const failure of result.failed) setRowError(failure.clientOrderId, t('orders:errors.cancel', { error: errorMessage(AppError.fromData(failure.error)) }));
        return result;
      } catch (error) {
        set({ errors: { ...get().errors, orders: t('orders:errors.cancelAll', { symbol, error: errorMessage(error) }) } });
        return undefined;
      } finally {
        set({ cancellingAll: false });
      }
    },

    check: (api, clientOrderId) =>
      rowAction(clientOrderId, 'checking', (error) => t('orders:errors.check', { error }), async () =>
        get().receiveOrder(await api.call('orders:check', { clientOrderId })),
      ),

    receiveOrder(order) {
      const { view, lists } = get();
      if (!inView(order, view)) return;
      inFlight?.orders.push(order);
      const next = applyOrder(lists, order, view, get().historyLimit);
      if (next !== lists) set({ lists: next });
    },

    receiveTrade(trade) {
      const { view, trades } = get();
      if (!inView(trade, view)) return;
      inFlight?.trades.push(trade);
      set({ trades: mergeTrades(trades, [trade], view, get().tradesLimit) });
    },

    receiveBalances(change) {
      const { view } = get();
      if (!inView(change, view)) return;
      if (inFlight) inFlight.balances = change.balances;
      set({ balances: sortBalances(change.balances) });
    },

    invalidate() {
      loadedFor = undefined;
    },
  };
  return store;
});

/**
 * Listens to the order, trade and balance events while at least one view is on screen. The first user after none
 * makes the next show() reload, since events may have been missed meanwhile.
 */
export const attachOrdersFeed: (api: ApiClient) => () => void = sharedFeed((api: ApiClient) => {
  const state = useOrders.getState;
  const stops = [
    api.on('order.updated', (order) => state().receiveOrder(order)),
    api.on('trade.executed', (trade) => state().receiveTrade(trade)),
    api.on('balance.changed', (change) => state().receiveBalances(change)),
  ];
  state().invalidate();
  return () => stops.forEach((stop) => stop());
});
