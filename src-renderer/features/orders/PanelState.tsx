import { api } from '../../api';
import { useT } from '../../i18n';
import { useOrders, type Section } from './orders-store';

/** Whether a section has loaded without error: only then does an empty list mean "nothing there". */
export function useSectionReady(section: Section): boolean {
  return useOrders((s) => !s.loading[section] && s.errors[section] === undefined);
}

/**
 * What a panel says instead of (or above) its table: still loading, or why loading failed with a way to try again.
 * Returns null when the section is loaded.
 */
export function PanelState({ section, hasRows }: { section: Section; hasRows: boolean }) {
  const loading = useOrders((s) => s.loading[section]);
  const error = useOrders((s) => s.errors[section]);
  const { t } = useT('orders');
  if (error) {
    return (
      <p className="panel-error" role="alert">
        {t('couldNotLoad', { section: t(`section.${section}`), error })}{' '}
        <button type="button" onClick={() => void useOrders.getState().reload(api)}>
          {t('tryAgain')}
        </button>
      </p>
    );
  }
  if (loading && !hasRows) {
    return (
      <p className="muted" role="status">
        {t('loadingSection', { section: t(`section.${section}`) })}
      </p>
    );
  }
  return null;
}
