import type { Palette, Preferences, Theme } from '../../../src-shared';

interface Props {
  theme: Theme;
  palette: Palette;
  onChoose: (change: Partial<Preferences>) => void;
}

/** Theme and up/down colours (UI.md: dark by default, light available, a colour-blind-safe option), saved with the rest. */
export function DisplayMenu({ theme, palette, onChoose }: Props) {
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
      </div>
    </details>
  );
}
