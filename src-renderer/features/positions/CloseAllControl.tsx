// "Close all positions": a separate action from the kill switch (which cancels orders). It asks first, saying how
// many positions on how many accounts, then reports each position closed or not, with why.
import { useState } from 'react';
import type { Market, Position } from '../../../src-shared';
import { api } from '../../api';
import { useModalDialog } from '../../hooks/use-modal-dialog';
import { useT } from '../../i18n';
import { closeAllQuestion, closedWords, failureWords, positionDecimals } from './position-words';
import { usePositions } from './positions-store';

export function CloseAllControl({ positions, markets }: { positions: readonly Position[]; markets: readonly Market[] }) {
  const [asking, setAsking] = useState(false);
  /** The positions as they were when the trader confirmed: the answer's figures are written with their decimals. */
  const [asked, setAsked] = useState<readonly Position[]>([]);
  const dialog = useModalDialog(asking);
  const { closingAll, closeAllResult, closeAllError } = usePositions();
  const { t } = useT('positions');
  const decimalsOf = (symbol: string) => {
    const held = asked.find((p) => p.symbol === symbol);
    return held ? positionDecimals(held, markets) : { price: 5, volume: 2 };
  };

  return (
    <>
      <button type="button" className="danger" disabled={positions.length === 0 || closingAll} aria-busy={closingAll} onClick={() => setAsking(true)}>
        {closingAll ? t('closeAll.closing') : t('closeAll.button')}
      </button>
      <dialog ref={dialog} className="confirm-dialog" aria-label={t('closeAll.dialog')} onClose={() => setAsking(false)}>
        {asking && (
          <>
            <h2>{closeAllQuestion(positions)}</h2>
            <p>{t('closeAll.explain')}</p>
            <div className="confirm-actions">
              <button type="button" autoFocus onClick={() => setAsking(false)}>
                {t('closeAll.keep')}
              </button>
              <button
                type="button"
                className="danger"
                onClick={() => {
                  setAsking(false);
                  setAsked(positions);
                  void usePositions.getState().closeAll(api);
                }}
              >
                {t('closeAll.confirm')}
              </button>
            </div>
          </>
        )}
      </dialog>
      {(closeAllResult || closeAllError) && (
        <section className="close-all-results" aria-label={t('closeAll.results')}>
          {closeAllError && <p className="row-error" role="alert">{t('closeAll.couldNotClose', { error: closeAllError })}</p>}
          {closeAllResult && (
            <ul>
              {closeAllResult.closed.map((closed) => (
                <li key={`c-${closed.account}-${closed.id}`} className="closed">
                  {closedWords(closed, decimalsOf(closed.symbol))}
                </li>
              ))}
              {closeAllResult.failed.map((failure, i) => (
                <li key={`f-${failure.account}-${failure.id ?? i}`} className="row-error">
                  {t('closeAll.notClosed', { why: failureWords(failure) })}
                </li>
              ))}
              {closeAllResult.closed.length + closeAllResult.failed.length === 0 && <li>{t('closeAll.nothing')}</li>}
            </ul>
          )}
          <button type="button" onClick={() => usePositions.getState().dismissCloseAll()}>
            {t('closeAll.dismiss')}
          </button>
        </section>
      )}
    </>
  );
}
