// Risk settings: their own screen (UI.md). Global limits, each account's own, the daily reset time, the warning
// share, and the log of refusals and kill-switch use. The kill switch stays in reach in this screen's bar too.
import { useEffect, useState, type FormEvent } from 'react';
import type { VenueSummary } from '../../../src-shared';
import { api } from '../../api';
import { ScreenHeader } from '../top-bar/ScreenHeader';
import { LimitsFields } from './LimitsFields';
import { limitsToText, settingsFromText, settingsToText, type SettingsText } from './limits-form';
import { RiskLog } from './RiskLog';
import { errorMessage } from '../../format/error-message';

interface Props {
  venues: VenueSummary[];
  onBack: () => void;
}

export function RiskScreen({ venues, onBack }: Props) {
  const [form, setForm] = useState<SettingsText>();
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    api.call('risk:settings', {}).then(
      (settings) => setForm(settingsToText(settings)),
      (e: unknown) => setError(`The risk limits could not be loaded: ${errorMessage(e)}`),
    );
  }, []);

  // One account per venue: the connected ones, and any that still has limits saved.
  const accountVenues = venues.filter((v) => v.available || (form && form.accounts[v.id] !== undefined));

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!form) return;
    const result = settingsFromText(form);
    if ('error' in result) {
      setError(result.error);
      return;
    }
    setSaving(true);
    setSaved(false);
    try {
      setForm(settingsToText(await api.call('risk:update-settings', result.settings)));
      setError(undefined);
      setSaved(true);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="app">
      <ScreenHeader title="Risk" onBack={onBack} />
      <main className="risk-screen">
        {!form ? (
          error ? (
            <p className="form-error" role="alert">
              {error}
            </p>
          ) : (
            <p className="empty" role="status">
              Loading risk limits…
            </p>
          )
        ) : (
          <form className="risk-form" aria-label="Risk limits" onSubmit={(event) => void save(event)} noValidate>
            <p className="hint">
              Every order is checked against the global limits and its account&apos;s own. Values are in the quote currency of the
              order&apos;s market (USDT for BTC/USDT). Orders that only reduce a position are always accepted.
            </p>
            <fieldset>
              <legend>Global limits (all venues of a mode together)</legend>
              <LimitsFields scope="Global" value={form.global} onChange={(global) => setForm({ ...form, global })} />
            </fieldset>
            {accountVenues.map((venue) => (
              <fieldset key={venue.id}>
                <legend>{`${venue.name} account`}</legend>
                <LimitsFields
                  scope={venue.name}
                  value={form.accounts[venue.id] ?? limitsToText(undefined)}
                  onChange={(limits) => setForm({ ...form, accounts: { ...form.accounts, [venue.id]: limits } })}
                />
              </fieldset>
            ))}
            <fieldset>
              <legend>Daily loss and warnings</legend>
              <label className="field">
                <span>Daily reset (UTC)</span>
                <input aria-label="Daily reset time (UTC)" placeholder="00:00" inputMode="numeric" className="numeric" value={form.dailyResetUtc} onChange={(e) => setForm({ ...form, dailyResetUtc: e.target.value })} />
              </label>
              <label className="field">
                <span>Warn at</span>
                <input aria-label="Warn at percent of a limit" inputMode="numeric" className="numeric" value={form.warnAtPct} onChange={(e) => setForm({ ...form, warnAtPct: e.target.value })} />
                <span className="unit">% of a limit</span>
              </label>
            </fieldset>
            {error && (
              <p className="form-error" role="alert">
                {error}
              </p>
            )}
            {saved && !error && <p role="status">Limits saved. They apply to the next order.</p>}
            <button type="submit" className="primary" disabled={saving} aria-busy={saving}>
              {saving ? 'Saving…' : 'Save limits'}
            </button>
          </form>
        )}
        <section className="risk-log-section" aria-labelledby="risk-log-heading">
          <h2 id="risk-log-heading">Risk log</h2>
          <RiskLog />
        </section>
      </main>
    </div>
  );
}
