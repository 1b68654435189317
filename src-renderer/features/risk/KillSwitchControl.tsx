// The kill switch in the top bar (UI.md): one press — or Ctrl+Shift+K — blocks new orders and cancels every open
// order on every venue, with no question asked. Its panel shows the per-venue results and releases it, which asks
// first.
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api';
import { useConnection } from '../../stores/connection';
import { useWorkspace } from '../../stores/workspace';
import { useKillSwitch } from './kill-switch-store';
import { venueReportWords } from './kill-switch-words';
import { KILL_SWITCH_SHORTCUT, useKillSwitchShortcut } from './use-kill-switch-shortcut';

/**
 * On every screen's bar, so that the control and its shortcut are always there. Read-only (a viewer): only whether
 * it is engaged, with no button and no shortcut, since engaging and releasing need the operator.
 */
export function KillSwitchControl({ readOnly = false }: { readOnly?: boolean }) {
  const { state, pending, error } = useKillSwitch();
  // Only for the venues' display names in the results.
  const venues = useWorkspace((s) => s.venues);
  const generation = useConnection((s) => s.generation);
  const [showResults, setShowResults] = useState(false);
  const [confirmingRelease, setConfirmingRelease] = useState(false);

  useEffect(() => useKillSwitch.getState().follow(api), []);
  // After every (re)connection: the switch may have changed while this window was away.
  useEffect(() => {
    if (generation > 0) void useKillSwitch.getState().load(api);
  }, [generation]);

  const engage = useCallback(() => {
    if (readOnly) return;
    setShowResults(true);
    void useKillSwitch.getState().engage(api, 'engaged from the top bar');
  }, [readOnly]);
  useKillSwitchShortcut(engage);

  const engaged = state?.engaged === true;
  if (readOnly) {
    return engaged ? (
      <span className="badge kill-switch-engaged" role="status" title="The operator engaged the kill switch: new orders are blocked.">
        KILL SWITCH ENGAGED
      </span>
    ) : null;
  }
  return (
    <div className="kill-switch">
      {engaged ? (
        <>
          <button
            type="button"
            className="kill-switch-engaged"
            onClick={() => setShowResults((v) => !v)}
            aria-expanded={showResults}
            title="New orders are blocked. Show what was cancelled on each venue."
          >
            KILL SWITCH ENGAGED
          </button>
        </>
      ) : (
        <button
          type="button"
          className="kill-switch-button"
          onClick={engage}
          disabled={pending === 'engaging'}
          aria-keyshortcuts="Control+Shift+K"
          title={`Block new orders and cancel every open order on every venue (${KILL_SWITCH_SHORTCUT})`}
        >
          KILL SWITCH
        </button>
      )}
      {confirmingRelease && (
        <div className="kill-switch-panel" role="dialog" aria-label="Release the kill switch?">
          <p>Release the kill switch? New orders will be accepted again.</p>
          <button
            type="button"
            className="danger"
            onClick={() => {
              setConfirmingRelease(false);
              setShowResults(false);
              void useKillSwitch.getState().release(api);
            }}
          >
            Release
          </button>
          <button type="button" onClick={() => setConfirmingRelease(false)} autoFocus>
            Keep engaged
          </button>
        </div>
      )}
      {(showResults || error) && !confirmingRelease && (
        <div className="kill-switch-panel" role="region" aria-label="Kill switch results">
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          {state && state.venues.length === 0 && !state.sweeping && <p>No venue with a trading account is connected: nothing to cancel.</p>}
          {state && state.venues.length > 0 && (
            <ul aria-label="Cancelled per venue">
              {state.venues.map((report) => (
                <li key={`${report.venue}-${report.mode}`} className={`kill-switch-${report.status}`}>
                  {venueReportWords(report, venues)}
                </li>
              ))}
            </ul>
          )}
          <div className="kill-switch-actions">
            {engaged && state.sweeping && (
              // The sweep retries by itself; this only tries every waiting venue now instead of at its next retry.
              <button type="button" onClick={() => void useKillSwitch.getState().engage(api, 'swept again from the top bar')} disabled={pending === 'engaging'}>
                Try again now
              </button>
            )}
            {engaged && (
              <button type="button" onClick={() => setConfirmingRelease(true)} disabled={pending === 'releasing'}>
                Release…
              </button>
            )}
            <button type="button" onClick={() => setShowResults(false)}>
              Close
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
