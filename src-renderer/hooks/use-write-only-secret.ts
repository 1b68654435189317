// The state of a write-only secret field (an API key, a password, a token): typed once, sent to main, then only
// shown as set, with replace and remove. The typed value is dropped as soon as main has it.
import { useState } from 'react';
import { errorMessage } from '../format/error-message';

export function useWriteOnlySecret(initiallyEditing: boolean) {
  const [editing, setEditing] = useState(initiallyEditing);
  const [value, setValue] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();

  /** Runs a save or remove; says whether it worked, and keeps its error to show. */
  const run = async (action: () => Promise<void>): Promise<boolean> => {
    setPending(true);
    setError(undefined);
    try {
      await action();
      setValue('');
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    } finally {
      setPending(false);
    }
  };

  /**
   * Saves the typed value, or asks for one with `missing`; leaves editing once saved. `trim` for pasted keys (a
   * stray newline is the usual mistake); never for passwords, where a space may be part of the secret.
   */
  const save = async (onSave: (value: string) => Promise<void>, missing: string, trim: boolean): Promise<void> => {
    const typed = trim ? value.trim() : value;
    if (typed.trim() === '') return setError(missing);
    if (await run(() => onSave(typed))) setEditing(false);
  };

  return { editing, setEditing, value, setValue, pending, error, run, save };
}
