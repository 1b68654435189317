import type { Language, Palette, Preferences, Theme, TimeZoneChoice } from '../../../src-shared';
import { LANGUAGES, useT } from '../../i18n';

interface Props {
  theme: Theme;
  palette: Palette;
  timeZone: TimeZoneChoice;
  language: Language;
  onChoose: (change: Partial<Preferences>) => void;
}

/**
 * Theme, up/down colours, time zone and language (UI.md: dark by default, light available, a colour-blind-safe option,
 * local times with UTC available; issue 19: English or Vietnamese), saved with the rest and applied without a restart.
 */
export function DisplayMenu({ theme, palette, timeZone, language, onChoose }: Props) {
  const { t } = useT(['topBar', 'common']);
  return (
    <details className="display-menu">
      <summary>{t('display.title')}</summary>
      <div className="display-menu-panel">
        <label className="field">
          {t('display.language')}
          <select value={language} onChange={(event) => onChoose({ language: event.target.value as Language })}>
            {LANGUAGES.map((option) => (
              <option key={option} value={option} lang={option}>
                {t(`common:language.${option}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('display.theme')}
          <select value={theme} onChange={(event) => onChoose({ theme: event.target.value as Theme })}>
            <option value="dark">{t('display.dark')}</option>
            <option value="light">{t('display.light')}</option>
          </select>
        </label>
        <label className="field">
          {t('display.palette')}
          <select value={palette} onChange={(event) => onChoose({ palette: event.target.value as Palette })}>
            <option value="green-red">{t('display.greenRed')}</option>
            <option value="blue-orange">{t('display.blueOrange')}</option>
          </select>
        </label>
        <label className="field">
          {t('display.times')}
          <select value={timeZone} onChange={(event) => onChoose({ timeZone: event.target.value as TimeZoneChoice })}>
            <option value="local">{t('display.local')}</option>
            <option value="utc">{t('display.utc')}</option>
          </select>
        </label>
      </div>
    </details>
  );
}
