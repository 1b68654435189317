// Open positions of every account that has any (MetaTrader 5 terminals), as main lists them: loaded when the tab is
// shown and after each reconnection, then read again on `positions.changed` — coalesced, so a burst of trade
// pushes is one request. Row actions (close, partial close, new SL/TP) and "Close all positions" live here too.
import { create } from 'zustand';
import type { ModifyPosition, Position, PositionFailure, PositionRef, Res } from '../../../src-shared';
import type { ApiClient } from '../../api/client';
import { errorMessage } from '../../format/error-message';
import { t } from '../../i18n';
import { busyWhile, withEntry } from '../../stores/row-state';
import { sharedFeed } from '../../stores/shared-feed';
import { coalesce } from './coalesce';
import { positionKey } from './position-words';

export type CloseAllResult = Res<'positions:close-all'>;
type Busy = 'closing' | 'modifying';

/** How long a burst of `positions.changed` may last before the list is read again. */
export const REFRESH_WAIT_MS = 120;

interface PositionsState {
  positions: Position[];
  /** Accounts that could not say what they hold. */
  failed: PositionFailure[];
  loaded: boolean;
  /** Why the list could not be read at all, in words. */
  error: string | undefined;
  busy: Record<string, Busy>;
  /** Why the last action on a row failed. */
  rowErrors: Record<string, string>;
  closingAll: boolean;
  closeAllResult: CloseAllResult | undefined;
  closeAllError: string | undefined;
  load(api: ApiClient): Promise<void>;
  /** Closes the whole position, or `volume` lots of it. Resolves to whether it was closed. */
  close(api: ApiClient, ref: PositionRef, volume?: number): Promise<boolean>;
  /** New SL/TP (null removes one). Resolves to whether the venue took them. */
  modify(api: ApiClient, change: ModifyPosition): Promise<boolean>;
  closeAll(api: ApiClient): Promise<void>;
  dismissCloseAll(): void;
}

const refOf = ({ venue, account, id }: PositionRef): PositionRef => ({ venue, account, id });

export const usePositions = create<PositionsState>((set, get) => {
  let seq = 0;
  const whileBusy = busyWhile<Busy>((key, what) => set({ busy: withEntry(get().busy, key, what) }));
  const setRowError = (key: string, error: string | undefined) => set({ rowErrors: withEntry(get().rowErrors, key, error) });
  const replace = (key: string, next: Position | undefined) =>
    set({ positions: get().positions.flatMap((p) => (positionKey(p) === key ? (next ? [next] : []) : [p])) });

  return {
    positions: [],
    failed: [],
    loaded: false,
    error: undefined,
    busy: {},
    rowErrors: {},
    closingAll: false,
    closeAllResult: undefined,
    closeAllError: undefined,

    async load(api) {
      const mine = ++seq;
      try {
        const { positions, failed } = await api.call('positions:list', {});
        // A newer load (a later change) answers for the list now.
        if (mine !== seq) return;
        set({ positions: [...positions].sort((a, b) => b.openedAt - a.openedAt || a.id.localeCompare(b.id)), failed, loaded: true, error: undefined });
      } catch (error) {
        if (mine === seq) set({ error: errorMessage(error), loaded: true });
      }
    },

    close: (api, ref, volume) => {
      const key = positionKey(ref);
      return whileBusy(key, 'closing', async () => {
        setRowError(key, undefined);
        try {
          const closed = await api.call('positions:close', volume === undefined ? refOf(ref) : { ...refOf(ref), volume });
          const held = get().positions.find((p) => positionKey(p) === key);
          replace(key, held && closed.remaining > 0 ? { ...held, volume: closed.remaining } : undefined);
          return true;
        } catch (error) {
          setRowError(key, t('positions:row.couldNotClose', { error: errorMessage(error) }));
          return false;
        }
      });
    },

    modify: (api, change) => {
      const key = positionKey(change);
      return whileBusy(key, 'modifying', async () => {
        setRowError(key, undefined);
        try {
          replace(key, await api.call('positions:modify', change));
          return true;
        } catch (error) {
          setRowError(key, t('positions:row.couldNotModify', { error: errorMessage(error) }));
          return false;
        }
      });
    },

    async closeAll(api) {
      if (get().closingAll) return;
      set({ closingAll: true, closeAllResult: undefined, closeAllError: undefined });
      try {
        const result = await api.call('positions:close-all', { confirm: true });
        const gone = new Set(result.closed.filter((c) => c.remaining === 0).map(positionKey));
        set({ closeAllResult: result, positions: get().positions.filter((p) => !gone.has(positionKey(p))) });
      } catch (error) {
        set({ closeAllError: errorMessage(error) });
      } finally {
        set({ closingAll: false });
      }
    },

    dismissCloseAll() {
      set({ closeAllResult: undefined, closeAllError: undefined });
    },
  };
});

/** Follows `positions.changed` while a view of positions is on screen: one coalesced `positions:list` per burst. */
export const attachPositionsFeed: (api: ApiClient, waitMs?: number) => () => void = sharedFeed((api: ApiClient, waitMs: number = REFRESH_WAIT_MS) => {
  const refresh = coalesce(() => usePositions.getState().load(api), waitMs);
  const off = api.on('positions.changed', () => refresh.request());
  return () => {
    off();
    refresh.cancel();
  };
});
