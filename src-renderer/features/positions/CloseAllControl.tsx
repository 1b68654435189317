// "Close all positions": a separate action from the kill switch (which cancels orders). It asks first, saying how
// many positions on how many accounts, then reports each position closed or not, with why.
import { useState } from 'react';
import type { Market, Position } from '../../../src-shared';
import { api } from '../../api';
import { useModalDialog } from '../../hooks/use-modal-dialog';
import { closeAllQuestion, closedWords, failureWords, positionDecimals } from './position-words';
import { usePositions } from './positions-store';

export function CloseAllControl({ positions, markets }: { positions: readonly Position[]; markets: readonly Market[] }) {
  const [asking, setAsking] = useState(false);
  /** The positions as they were when the trader confirmed: the answer's figures are written with their decimals. */
  const [asked, setAsked] = useState<readonly Position[]>([]);
  const dialog = useModalDialog(asking);
  const { closingAll, closeAllResult, closeAllError } = usePositions();
  const decimalsOf = (symbol: string) => {
    const held = asked.find((p) => p.symbol === symbol);
    return held ? positionDecimals(held, markets) : { price: 5, volume: 2 };
  };

  return (
    <>
      <button type="button" className="danger" disabled={positions.length === 0 || closingAll} aria-busy={closingAll} onClick={() => setAsking(true)}>
        {closingAll ? 'Closing all positions…' : 'Close all positions'}
      </button>
      <dialog ref={dialog} className="confirm-dialog" aria-label="Close all positions?" onClose={() => setAsking(false)}>
        {asking && (
          <>
            <h2>{closeAllQuestion(positions)}</h2>
            <p>Each one is closed at market. Pending orders stay (the kill switch cancels those).</p>
            <div className="confirm-actions">
              <button type="button" autoFocus onClick={() => setAsking(false)}>
                Keep them
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
                Close all
              </button>
            </div>
          </>
        )}
      </dialog>
      {(closeAllResult || closeAllError) && (
        <section className="close-all-results" aria-label="Close all results">
          {closeAllError && <p className="row-error" role="alert">Could not close the positions: {closeAllError}</p>}
          {closeAllResult && (
            <ul>
              {closeAllResult.closed.map((closed) => (
                <li key={`c-${closed.account}-${closed.id}`} className="closed">
                  {closedWords(closed, decimalsOf(closed.symbol))}
                </li>
              ))}
              {closeAllResult.failed.map((failure, i) => (
                <li key={`f-${failure.account}-${failure.id ?? i}`} className="row-error">
                  Not closed: {failureWords(failure)}
                </li>
              ))}
              {closeAllResult.closed.length + closeAllResult.failed.length === 0 && <li>There was nothing to close.</li>}
            </ul>
          )}
          <button type="button" onClick={() => usePositions.getState().dismissCloseAll()}>
            Dismiss
          </button>
        </section>
      )}
    </>
  );
}
