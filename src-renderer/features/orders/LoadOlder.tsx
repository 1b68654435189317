// "Load older" under a list that holds a full page or more: the next page comes from SQLite, after the oldest row held.
import { api } from '../../api';
import { useT } from '../../i18n';
import { useOrders, type PagedSection } from './orders-store';

export function LoadOlder({ section, rows, pageSize }: { section: PagedSection; rows: number; pageSize: number }) {
  const state = useOrders((s) => s.older[section]);
  const { t } = useT('orders');
  if (rows < pageSize || state === 'end') return null;
  return (
    <button className="load-older" onClick={() => void useOrders.getState().loadOlder(api, section)} disabled={state === 'loading'} aria-busy={state === 'loading'}>
      {state === 'loading' ? t('loadingOlder') : t('loadOlder')}
    </button>
  );
}
