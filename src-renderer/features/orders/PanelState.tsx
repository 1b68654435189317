import { api } from '../../api';
import { useOrders, type Section } from './orders-store';

/** Whether a section has loaded without error: only then does an empty list mean "nothing there". */
export function useSectionReady(section: Section): boolean {
  return useOrders((s) => !s.loading[section] && s.errors[section] === undefined);
}

const NAMES: Record<Section, string> = { orders: 'orders', trades: 'trades', balances: 'balances' };

/**
 * What a panel says instead of (or above) its table: still loading, or why loading failed with a way to try again.
 * Returns null when the section is loaded.
 */
export function PanelState({ section, hasRows }: { section: Section; hasRows: boolean }) {
  const loading = useOrders((s) => s.loading[section]);
  const error = useOrders((s) => s.errors[section]);
  if (error) {
    return (
      <p className="panel-error" role="alert">
        Could not load the {NAMES[section]}: {error}{' '}
        <button type="button" onClick={() => void useOrders.getState().reload(api)}>
          Try again
        </button>
      </p>
    );
  }
  if (loading && !hasRows) {
    return (
      <p className="muted" role="status">
        Loading {NAMES[section]}…
      </p>
    );
  }
  return null;
}
