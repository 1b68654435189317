// The kill switch in the top bar (UI.md): one press — or Ctrl+Shift+K — blocks new orders and cancels every open
// order on every venue, with no question asked. Its panel shows the per-venue results and releases it, which asks
// first.
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api';
import { useConnection } from '../../stores/connection';
import { useT } from '../../i18n';
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
  const { t } = useT('risk');

  useEffect(() => useKillSwitch.getState().follow(api), []);
  // After every (re)connection: the switch may have changed while this window was away.
  useEffect(() => {
    if (generation > 0) void useKillSwitch.getState().load(api);
  }, [generation]);

  const engage = useCallback(() => {
    if (readOnly) return;
    setShowResults(true);
    void useKillSwitch.getState().engage(api, t('killSwitch.engageReason'));
  }, [readOnly, t]);
  useKillSwitchShortcut(engage);

  const engaged = state?.engaged === true;
  if (readOnly) {
    return engaged ? (
      <span className="badge kill-switch-engaged" role="status" title={t('killSwitch.engagedByOperator')}>
        {t('killSwitch.engagedBadge')}
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
            title={t('killSwitch.engagedTitle')}
          >
            {t('killSwitch.engagedBadge')}
          </button>
        </>
      ) : (
        <button
          type="button"
          className="kill-switch-button"
          onClick={engage}
          disabled={pending === 'engaging'}
          aria-keyshortcuts="Control+Shift+K"
          title={t('killSwitch.buttonTitle', { shortcut: KILL_SWITCH_SHORTCUT })}
        >
          {t('killSwitch.button')}
        </button>
      )}
      {confirmingRelease && (
        <div className="kill-switch-panel" role="dialog" aria-label={t('killSwitch.releaseQuestionLabel')}>
          <p>{t('killSwitch.releaseQuestion')}</p>
          <button
            type="button"
            className="danger"
            onClick={() => {
              setConfirmingRelease(false);
              setShowResults(false);
              void useKillSwitch.getState().release(api);
            }}
          >
            {t('killSwitch.release')}
          </button>
          <button type="button" onClick={() => setConfirmingRelease(false)} autoFocus>
            {t('killSwitch.keepEngaged')}
          </button>
        </div>
      )}
      {(showResults || error) && !confirmingRelease && (
        <div className="kill-switch-panel" role="region" aria-label={t('killSwitch.results')}>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          {state && state.venues.length === 0 && !state.sweeping && <p>{t('killSwitch.nothingToCancel')}</p>}
          {state && state.venues.length > 0 && (
            <ul aria-label={t('killSwitch.perVenue')}>
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
              <button type="button" onClick={() => void useKillSwitch.getState().engage(api, t('killSwitch.sweepReason'))} disabled={pending === 'engaging'}>
                {t('killSwitch.tryAgainNow')}
              </button>
            )}
            {engaged && (
              <button type="button" onClick={() => setConfirmingRelease(true)} disabled={pending === 'releasing'}>
                {t('killSwitch.releaseMenu')}
              </button>
            )}
            <button type="button" onClick={() => setShowResults(false)}>
              {t('killSwitch.close')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
