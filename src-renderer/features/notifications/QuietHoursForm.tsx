// Quiet hours in the trader's time zone (this browser's): desktop and SMS notifications wait, email still goes,
// and a risk limit exceeded always gets through.
import { useState, type FormEvent } from 'react';
import type { QuietHours } from '../../../src-shared';
import { api } from '../../api';
import { useNotifications } from './notifications-store';

const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function QuietHoursForm({ quietHours }: { quietHours: QuietHours }) {
  const update = useNotifications((state) => state.update);
  const [form, setForm] = useState<QuietHours>(quietHours);
  const [state, setState] = useState<{ saved?: boolean; error?: string }>({});

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const error = await update(api, { quietHours: { ...form, timeZone: browserTimeZone() } });
    setState(error ? { error } : { saved: true });
  };

  return (
    <section className="notification-quiet-hours" aria-labelledby="quiet-heading">
      <h2 id="quiet-heading">Quiet hours</h2>
      <p className="hint">
        Desktop and SMS notifications wait until quiet hours end; email still arrives. A risk limit exceeded always gets
        through. Times are in your time zone ({browserTimeZone()}).
      </p>
      <form className="settings-form inline" aria-label="Quiet hours" onSubmit={(e) => void submit(e)}>
        <label className="checkbox">
          <input type="checkbox" checked={form.enabled} onChange={(e) => setForm({ ...form, enabled: e.target.checked })} />
          Quiet hours on
        </label>
        <label htmlFor="quiet-start">From</label>
        <input id="quiet-start" type="time" value={form.start} onChange={(e) => setForm({ ...form, start: e.target.value })} />
        <label htmlFor="quiet-end">Until</label>
        <input id="quiet-end" type="time" value={form.end} onChange={(e) => setForm({ ...form, end: e.target.value })} />
        <button type="submit">Save quiet hours</button>
        {state.saved && <span role="status" className="muted">Saved</span>}
      </form>
      {state.error && (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      )}
    </section>
  );
}
