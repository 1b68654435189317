// Ctrl+Shift+K (⌘+Shift+K on a Mac) engages the kill switch from anywhere, even while typing in a field: it must
// work at once, so it asks nothing. Releasing has no shortcut on purpose.
import { useEffect } from 'react';

export const KILL_SWITCH_SHORTCUT = 'Ctrl+Shift+K';

export function isKillSwitchShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): boolean {
  return (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && event.key.toLowerCase() === 'k';
}

export function useKillSwitchShortcut(engage: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!isKillSwitchShortcut(event)) return;
      event.preventDefault();
      engage();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [engage]);
}
