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
import { useT } from '../../i18n';

interface Props {
  venues: VenueSummary[];
  onBack: () => void;
}

export function RiskScreen({ venues, onBack }: Props) {
  const [form, setForm] = useState<SettingsText>();
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const { t } = useT('risk');

  useEffect(() => {
    api.call('risk:settings', {}).then(
      (settings) => setForm(settingsToText(settings)),
      (e: unknown) => setError(t('screen.couldNotLoad', { error: errorMessage(e) })),
    );
  }, [t]);

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
      <ScreenHeader title={t('screen.title')} onBack={onBack} />
      <main className="risk-screen">
        {!form ? (
          error ? (
            <p className="form-error" role="alert">
              {error}
            </p>
          ) : (
            <p className="empty" role="status">
              {t('screen.loading')}
            </p>
          )
        ) : (
          <form className="risk-form" aria-label={t('screen.form')} onSubmit={(event) => void save(event)} noValidate>
            <p className="hint">
              {t('screen.hint')}
            </p>
            <fieldset>
              <legend>{t('screen.global')}</legend>
              <LimitsFields scope={t('screen.globalScope')} value={form.global} onChange={(global) => setForm({ ...form, global })} />
            </fieldset>
            {accountVenues.map((venue) => (
              <fieldset key={venue.id}>
                <legend>{t('screen.account', { venue: venue.name })}</legend>
                <LimitsFields
                  scope={venue.name}
                  value={form.accounts[venue.id] ?? limitsToText(undefined)}
                  onChange={(limits) => setForm({ ...form, accounts: { ...form.accounts, [venue.id]: limits } })}
                />
              </fieldset>
            ))}
            <fieldset>
              <legend>{t('screen.daily')}</legend>
              <label className="field">
                <span>{t('screen.dailyReset')}</span>
                <input aria-label={t('screen.dailyResetLabel')} placeholder="00:00" inputMode="numeric" className="numeric" value={form.dailyResetUtc} onChange={(e) => setForm({ ...form, dailyResetUtc: e.target.value })} />
              </label>
              <label className="field">
                <span>{t('screen.warnAt')}</span>
                <input aria-label={t('screen.warnAtLabel')} inputMode="numeric" className="numeric" value={form.warnAtPct} onChange={(e) => setForm({ ...form, warnAtPct: e.target.value })} />
                <span className="unit">{t('screen.ofALimit')}</span>
              </label>
            </fieldset>
            {error && (
              <p className="form-error" role="alert">
                {error}
              </p>
            )}
            {saved && !error && <p role="status">{t('screen.saved')}</p>}
            <button type="submit" className="primary" disabled={saving} aria-busy={saving}>
              {saving ? t('screen.saving') : t('screen.save')}
            </button>
          </form>
        )}
        <section className="risk-log-section" aria-labelledby="risk-log-heading">
          <h2 id="risk-log-heading">{t('screen.log')}</h2>
          <RiskLog />
        </section>
      </main>
    </div>
  );
}
