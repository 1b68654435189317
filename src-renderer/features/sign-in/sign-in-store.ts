// The trader's product account as main reports it (`auth:status`, then every `auth.status-changed`). No token ever
// reaches this store: only who is signed in and, while a sign-in waits, the page or code that finishes it.
import { create } from 'zustand';
import type { AuthStatus, SignInFlow } from '../../../src-shared';
import type { ApiClient } from '../../api/client';
import { busyAction } from '../../stores/busy-action';

interface SignInState {
  status: AuthStatus | undefined;
  /** A request (sign in, sign out) is on its way. */
  busy: boolean;
  /** The last request's failure, in words. */
  error: string | undefined;
  load(api: ApiClient): Promise<void>;
  changed(status: AuthStatus): void;
  signIn(api: ApiClient, flow: SignInFlow): Promise<void>;
  cancel(api: ApiClient): Promise<void>;
  signOut(api: ApiClient): Promise<void>;
}

export const useSignIn = create<SignInState>((set, get) => {
  const busy = busyAction(set);
  const run = (work: () => Promise<AuthStatus>): Promise<void> => busy(async () => get().changed(await work()));
  return {
    status: undefined,
    busy: false,
    error: undefined,
    async load(api) {
      try {
        get().changed(await api.call('auth:status', {}));
      } catch {
        // An older main without sign-in: nothing to show.
      }
    },
    changed: (status) => set({ status }),
    signIn: (api, flow) => run(() => api.call('auth:sign-in', { flow })),
    cancel: (api) => run(() => api.call('auth:cancel', {})),
    signOut: (api) => run(() => api.call('auth:sign-out', {})),
  };
});
