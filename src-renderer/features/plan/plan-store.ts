// The plan as main reports it (`billing:status`, then every `billing.status-changed`), and the Plan menu's actions.
import { create } from 'zustand';
import type { BillingInterval, PlanStatus } from '../../../src-shared';
import type { ApiClient } from '../../api/client';
import { busyAction } from '../../stores/busy-action';

interface PlanState {
  status: PlanStatus | undefined;
  busy: boolean;
  error: string | undefined;
  load(api: ApiClient): Promise<void>;
  changed(status: PlanStatus): void;
  refresh(api: ApiClient): Promise<void>;
  upgrade(api: ApiClient, interval: BillingInterval): Promise<void>;
  manage(api: ApiClient): Promise<void>;
}

export const usePlan = create<PlanState>((set, get) => {
  const run = busyAction(set);
  return {
    status: undefined,
    busy: false,
    error: undefined,
    async load(api) {
      try {
        get().changed(await api.call('billing:status', {}));
      } catch {
        // An older main without plans: nothing to show.
      }
    },
    changed: (status) => set({ status }),
    refresh: (api) => run(async () => get().changed(await api.call('billing:refresh', {}))),
    // The checkout and the portal open in the browser; main follows the plan closely for a while afterwards.
    upgrade: (api, interval) => run(() => api.call('billing:checkout', { interval })),
    manage: (api) => run(() => api.call('billing:portal', {})),
  };
});
