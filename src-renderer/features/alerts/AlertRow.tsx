// One rule in the alerts table: what it watches, where it stands, and its actions (edit, pause/resume, delete with a
// confirmation).
import { useState } from 'react';
import type { AlertRule, NewAlertRule } from '../../../src-shared';
import { formatPrice } from '../../format/numbers';
import { AlertForm } from './AlertForm';
import { useT } from '../../i18n';
import { firedAt, ruleText, statusWords } from './alert-words';

interface Props {
  rule: AlertRule;
  venueName: string;
  /** Price decimals when known (the market in view), for the last price and the edit form. */
  decimals: number | undefined;
  busy: 'saving' | 'pausing' | 'deleting' | undefined;
  onSave: (rule: NewAlertRule) => Promise<string | undefined>;
  onPause: (paused: boolean) => void;
  onDelete: () => void;
  /** A viewer's row: no Edit, Pause or Delete. */
  readOnly?: boolean;
}

const COLUMNS = 7;

/** Decimals of a number as written (65000.25 → 2), for markets whose precision this view does not know. */
function decimalsOf(value: number): number {
  const text = String(value);
  return text.includes('.') ? Math.min(8, text.length - text.indexOf('.') - 1) : 0;
}

export function AlertRow({ rule, venueName, decimals, busy, onSave, onPause, onDelete, readOnly = false }: Props) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const { t } = useT('alerts');
  const status = statusWords(rule);
  const words = ruleText(rule);
  const places = decimals ?? Math.max(2, decimalsOf(rule.threshold));
  const disabled = busy !== undefined;
  return (
    <>
      <tr data-status={rule.status} aria-label={t('row.label', { rule: words, venue: venueName })}>
        <td>
          {rule.symbol}
          <span className="sub">{venueName}</span>
        </td>
        <td>{words}</td>
        <td>
          <span className={`alert-status alert-status-${rule.status}`}>{status.label}</span>
          {status.hint && <span className="sub">{status.hint}</span>}
        </td>
        <td className="numeric">{formatPrice(rule.lastPrice, places)}</td>
        <td className="numeric">{rule.lastFiredAt === undefined ? <span className="muted-cell">{t('row.never')}</span> : t('row.firedAt', { time: firedAt(rule.lastFiredAt) })}</td>
        <td className="alert-note">{rule.note ?? ''}</td>
        <td className="alert-actions">
          {!readOnly && (
            <>
              <button type="button" onClick={() => setEditing((open) => !open)} disabled={disabled} aria-expanded={editing} aria-label={t('row.editLabel', { rule: words })}>
                {t('row.edit')}
              </button>
              <button type="button" onClick={() => onPause(!rule.paused)} disabled={disabled} aria-label={t(rule.paused ? 'row.resumeLabel' : 'row.pauseLabel', { rule: words })}>
                {busy === 'pausing' ? '…' : rule.paused ? t('row.resume') : t('row.pause')}
              </button>
              {confirming ? (
                <span className="confirm" role="group" aria-label={t('row.confirmDelete', { rule: words })}>
                  <span>{t('row.deleteQuestion')}</span>
                  <button type="button" className="danger" onClick={onDelete} disabled={disabled}>
                    {busy === 'deleting' ? t('row.deleting') : t('row.deleteAlert')}
                  </button>
                  <button type="button" onClick={() => setConfirming(false)} disabled={disabled}>
                    {t('row.keep')}
                  </button>
                </span>
              ) : (
                <button type="button" onClick={() => setConfirming(true)} disabled={disabled} aria-label={t('row.deleteLabel', { rule: words })}>
                  {t('row.delete')}
                </button>
              )}
            </>
          )}
        </td>
      </tr>
      {editing && (
        <tr className="alert-edit-row">
          <td colSpan={COLUMNS}>
            <AlertForm
              venue={rule.venue}
              symbol={rule.symbol}
              decimals={places}
              quote={rule.symbol.split('/')[1] ?? ''}
              editing={rule}
              onSubmit={async (changed) => {
                const problem = await onSave(changed);
                if (!problem) setEditing(false);
                return problem;
              }}
              onCancel={() => setEditing(false)}
            />
          </td>
        </tr>
      )}
    </>
  );
}
