// The ticket's keyboard shortcuts (UI.md): B and S bring the ticket up on Buy or Sell, Esc clears it. A letter
// typed into a field is text, never a shortcut; Esc inside an open dialog belongs to the dialog.

export type TicketShortcut = 'buy' | 'sell' | 'clear';

/** What a shortcut needs of a keyboard event, so the decision is testable without a DOM. */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The focused element's tag name, and whether it is editable. */
  targetTag: string | undefined;
  targetEditable: boolean;
  /** Whether a modal dialog is open. */
  inDialog: boolean;
}

const TEXT_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

export function shortcutFor(event: KeyLike): TicketShortcut | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey || event.inDialog) return undefined;
  if (event.key === 'Escape') return 'clear';
  const typing = event.targetEditable || (event.targetTag !== undefined && TEXT_TAGS.has(event.targetTag));
  if (typing) return undefined;
  const key = event.key.toLowerCase();
  if (key === 'b') return 'buy';
  if (key === 's') return 'sell';
  return undefined;
}

/** The DOM event as `shortcutFor` reads it. */
export function keyLike(event: KeyboardEvent): KeyLike {
  const target = event.target instanceof HTMLElement ? event.target : undefined;
  return {
    key: event.key,
    ctrlKey: event.ctrlKey,
    metaKey: event.metaKey,
    altKey: event.altKey,
    targetTag: target?.tagName,
    targetEditable: target?.isContentEditable ?? false,
    inDialog: document.querySelector('dialog[open]') !== null,
  };
}
