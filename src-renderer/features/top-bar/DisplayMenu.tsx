import type { Palette, Preferences, Theme, TimeZoneChoice } from '../../../src-shared';

interface Props {
  theme: Theme;
  palette: Palette;
  timeZone: TimeZoneChoice;
  onChoose: (change: Partial<Preferences>) => void;
}

/**
 * Theme, up/down colours and time zone (UI.md: dark by default, light available, a colour-blind-safe option, local
 * times with UTC available), saved with the rest.
 */
export function DisplayMenu({ theme, palette, timeZone, onChoose }: Props) {
  return (
    <details className="display-menu">
      <summary>Display</summary>
      <div className="display-menu-panel">
        <label className="field">
          Theme
          <select value={theme} onChange={(event) => onChoose({ theme: event.target.value as Theme })}>
            <option value="dark">Dark</option>
            <option value="light">Light</option>
          </select>
        </label>
        <label className="field">
          Up / down colours
          <select value={palette} onChange={(event) => onChoose({ palette: event.target.value as Palette })}>
            <option value="green-red">Green / red</option>
            <option value="blue-orange">Blue / orange (colour-blind safe)</option>
          </select>
        </label>
        <label className="field">
          Times
          <select value={timeZone} onChange={(event) => onChoose({ timeZone: event.target.value as TimeZoneChoice })}>
            <option value="local">Local time</option>
            <option value="utc">UTC</option>
          </select>
        </label>
      </div>
    </details>
  );
}
