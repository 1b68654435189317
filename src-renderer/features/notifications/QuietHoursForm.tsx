// Quiet hours in the trader's time zone (this browser's): desktop and SMS notifications wait, email still goes,
// and a risk limit exceeded always gets through.
import { useState, type FormEvent } from 'react';
import type { QuietHours } from '../../../src-shared';
import { api } from '../../api';
import { useT } from '../../i18n';
import { useNotifications } from './notifications-store';

const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function QuietHoursForm({ quietHours }: { quietHours: QuietHours }) {
  const update = useNotifications((state) => state.update);
  const [form, setForm] = useState<QuietHours>(quietHours);
  const [state, setState] = useState<{ saved?: boolean; error?: string }>({});
  const { t } = useT('notifications');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const error = await update(api, { quietHours: { ...form, timeZone: browserTimeZone() } });
    setState(error ? { error } : { saved: true });
  };

  return (
    <section className="notification-quiet-hours" aria-labelledby="quiet-heading">
      <h2 id="quiet-heading">{t('quiet.heading')}</h2>
      <p className="hint">{t('quiet.hint', { zone: browserTimeZone() })}</p>
      <form className="settings-form inline" aria-label={t('quiet.heading')} onSubmit={(e) => void submit(e)}>
        <label className="checkbox">
          <input type="checkbox" checked={form.enabled} onChange={(e) => setForm({ ...form, enabled: e.target.checked })} />
          {t('quiet.on')}
        </label>
        <label htmlFor="quiet-start">{t('quiet.from')}</label>
        <input id="quiet-start" type="time" value={form.start} onChange={(e) => setForm({ ...form, start: e.target.value })} />
        <label htmlFor="quiet-end">{t('quiet.until')}</label>
        <input id="quiet-end" type="time" value={form.end} onChange={(e) => setForm({ ...form, end: e.target.value })} />
        <button type="submit">{t('quiet.save')}</button>
        {state.saved && <span role="status" className="muted">{t('quiet.saved')}</span>}
      </form>
      {state.error && (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      )}
    </section>
  );
}
