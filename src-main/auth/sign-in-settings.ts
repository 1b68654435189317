// Where the app signs in, as the settings screen's Sign-in section sets it: the issuer, client id and audience,
// saved with the app's other settings in SQLite (a domain and a public client id are no secrets). The TBS_AUTH_*
// variables win when set: the section then only shows them. Saving applies at once (AuthService.configure): the
// sign-in appears or disappears, and a session of another issuer ends first.
import type { z } from 'zod';
import { AppError, SignInSettingsValues, type SignInSettings } from '../../src-shared';
import { authConfigFrom, type AuthConfig, type AuthConfigNames } from './config';

const KEY = 'auth.sign-in';

/** The fields' names on the settings screen, for "set client id and audience too". */
export const SETTINGS_NAMES = { issuer: 'the issuer (Auth0 domain)', clientId: 'the client id', audience: 'the audience' } as const satisfies AuthConfigNames;

/** What the environment decided, read once at start: a configuration, or why the one it sets does not work. */
export type EnvironmentSignIn = { config: AuthConfig } | { problem: string };

/** The app's settings table (storage's SettingsRepository, wired in core.ts): JSON under a key, parsed on read. */
export interface SettingsStore {
  get<S extends z.ZodType>(key: string, schema: S): z.output<S> | undefined;
  set(key: string, value: unknown): void;
  delete(key: string): boolean;
}

export interface SignInSettingsDeps {
  settings: SettingsStore;
  /** Applies a configuration without a restart (AuthService.configure). */
  apply: (config: AuthConfig | undefined) => Promise<unknown>;
  /** Set when any TBS_AUTH_* variable is: the environment wins, and this screen cannot change it. */
  environment: EnvironmentSignIn | undefined;
  log?: (line: string) => void;
}

export class SignInSettingsService {
  constructor(private readonly deps: SignInSettingsDeps) {}

  /** The configuration in force at start: the environment's, else the saved one (a saved one now invalid is ignored, with a log line). */
  initialConfig(): AuthConfig | undefined {
    const { environment } = this.deps;
    if (environment) return 'config' in environment ? environment.config : undefined;
    const saved = this.saved();
    if (!saved) return undefined;
    try {
      return authConfigFrom(saved, SETTINGS_NAMES);
    } catch (error) {
      (this.deps.log ?? console.warn)(`sign-in is off: the saved sign-in settings are not valid (${error instanceof Error ? error.message : String(error)})`);
      return undefined;
    }
  }

  current(): SignInSettings {
    const { environment } = this.deps;
    if (environment) {
      if ('problem' in environment) return { source: 'environment', problem: environment.problem };
      const { issuer, clientId, audience } = environment.config;
      return { source: 'environment', values: { issuer: issuer.href, clientId, audience } };
    }
    const saved = this.saved();
    return saved ? { source: 'settings', values: saved } : { source: 'none' };
  }

  /**
   * Saves and applies the three values, or removes sign-in when all are empty. Refused (nothing saved, nothing
   * changed) while the environment sets sign-in, or when the values are half given or the issuer is not https.
   */
  async update(values: z.output<typeof SignInSettingsValues>): Promise<SignInSettings> {
    if (this.deps.environment) {
      throw new AppError('INVALID_REQUEST', 'sign-in is set by the TBS_AUTH_* variables of the environment: change or unset them there');
    }
    const config = authConfigFrom(values, SETTINGS_NAMES);
    if (config) this.deps.settings.set(KEY, { issuer: values.issuer.trim(), clientId: values.clientId.trim(), audience: values.audience.trim() });
    else this.deps.settings.delete(KEY);
    await this.deps.apply(config);
    return this.current();
  }

  private saved(): SignInSettingsValues | undefined {
    return this.deps.settings.get(KEY, SignInSettingsValues);
  }
}
