// The trading screen's market-data corner: the price comparison, and a button that opens the data-provider
// settings in a dialog over it (the keys and order are settings, not something to keep on screen).
import { useState } from 'react';
import { useModalDialog } from '../../hooks/use-modal-dialog';
import type { Symbol } from '../../../src-shared';
import { SecretsNotice } from '../secrets/SecretsNotice';
import { ComparisonPanel } from './ComparisonPanel';
import { DataProvidersSettings } from './DataProvidersSettings';
import { useT } from '../../i18n';

export function MarketDataPanel({ symbol, decimals }: { symbol: Symbol; decimals: number }) {
  const [open, setOpen] = useState(false);
  const dialog = useModalDialog(open);
  const { t } = useT('marketData');

  return (
    <aside className="market-data-panel" aria-label={t('region')}>
      {/* Keyed by symbol: a new symbol starts from an empty table instead of showing the last one's prices. */}
      <ComparisonPanel key={symbol} symbol={symbol} decimals={decimals} />
      {/* Keyed sources say only "its key can't be read here" per row; what to do is said once, here. */}
      <SecretsNotice />
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        {t('providersButton')}
      </button>
      <dialog ref={dialog} className="settings-dialog" aria-label={t('providersDialog')} onClose={() => setOpen(false)}>
        <header className="comparison-head">
          <h2>{t('providers')}</h2>
          <button type="button" onClick={() => setOpen(false)}>
            {t('close')}
          </button>
        </header>
        {open && <DataProvidersSettings />}
      </dialog>
    </aside>
  );
}
