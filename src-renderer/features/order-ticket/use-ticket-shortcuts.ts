import { useEffect } from 'react';
import { keyLike, shortcutFor } from './keyboard';
import { useTicket } from './ticket-store';

/** B and S bring the ticket up on that side, Esc clears it (see keyboard.ts for when a key is left alone). */
export function useTicketShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const shortcut = shortcutFor(keyLike(event));
      if (!shortcut) return;
      const ticket = useTicket.getState();
      if (shortcut === 'clear') {
        ticket.clear();
        return;
      }
      // The letter must not land in the amount field that is about to take focus.
      event.preventDefault();
      ticket.requestFocus(shortcut);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
