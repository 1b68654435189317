// The entitlement token kept in the app's settings table (storage's SettingsRepository, wired in core.ts). It is a
// signed statement of the plan, verified at every read: not a secret, and useless to anyone but this app.
import { z } from 'zod';
import type { EntitlementStore } from './billing-service';

/** The settings table as billing sees it: JSON under a key, parsed on read. */
export interface SettingsTable {
  get<S extends z.ZodType>(key: string, schema: S): z.output<S> | undefined;
  set(key: string, value: unknown): void;
  delete(key: string): boolean;
}

export const ENTITLEMENT_KEY = 'billing.entitlement';

export function entitlementStoreIn(settings: SettingsTable): EntitlementStore {
  return {
    load: () => settings.get(ENTITLEMENT_KEY, z.string().max(4096)),
    save: (token) => {
      if (token === undefined) settings.delete(ENTITLEMENT_KEY);
      else settings.set(ENTITLEMENT_KEY, token);
    },
  };
}
