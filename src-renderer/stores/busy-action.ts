// One request at a time from a store's buttons: `busy` while it runs (the buttons wait), and its failure in words.
import { errorMessage } from '../format/error-message';

export interface BusyState {
  busy: boolean;
  error: string | undefined;
}

export function busyAction(set: (state: Partial<BusyState>) => void): (work: () => Promise<unknown>) => Promise<void> {
  return async (work) => {
    set({ busy: true, error: undefined });
    try {
      await work();
    } catch (error) {
      set({ error: errorMessage(error) });
    } finally {
      set({ busy: false });
    }
  };
}
