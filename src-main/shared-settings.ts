// Shared mode as saved in Settings, for the desktop app (it has no command line) and for a host started without
// --redis. Read once at start: a change applies at the next start, and the answer says so. The address is kept in
// the settings table without any password; the password goes to the key store, bound to the server it is sent to
// (scheme, user, host, port): a changed destination clears it unless it is typed again in the same request, so
// whoever can change the address cannot have the stored password sent to a server of theirs.
import { z } from 'zod';
import { AppError, type ProcessRole, type SharedModeSettings, type SharedModeUpdate } from '../src-shared';
import type { SecretStore } from './secrets';
import { parseRedisUrl } from './shared-mode';
import type { SharedOptions } from './shared-wiring';
import type { SettingsRepository } from './storage';

const SETTINGS_KEY = 'shared-mode';
const PASSWORD_ACCOUNT = 'shared-mode:redis-password';
const Saved = z.object({
  url: z.string().max(500),
  name: z.string().max(100).optional(),
  egress: z.string().max(100).optional(),
  /** Where the stored password may be sent (see destinationOf); absent when none is stored. */
  passwordFor: z.string().max(600).optional(),
});
type Saved = z.infer<typeof Saved>;

/** The server a password is sent to, as one comparable string (no secret in it). */
function destinationOf(url: URL): string {
  return `${url.protocol}//${decodeURIComponent(url.username)}@${url.hostname.toLowerCase()}:${url.port || '6379'}`;
}

/** The URL as saved and shown: any password taken out of it. */
function withoutPassword(url: URL): string {
  const copy = new URL(url.href);
  copy.password = '';
  return copy.href.replace(/\/$/, '');
}

export class SharedSettings {
  constructor(
    private readonly settings: SettingsRepository,
    private readonly secrets: SecretStore,
    /** What this process runs with: the command line's options, or the saved ones read at start. */
    private readonly running: { options: SharedOptions | undefined; fromCommandLine: boolean },
  ) {}

  /** A password typed since the start: it too applies at the next one. */
  private passwordChanged = false;

  /** The options for this start from the saved setting (none saved: undefined, the app works alone). */
  static async startOptions(settings: SettingsRepository, secrets: SecretStore, role: ProcessRole): Promise<SharedOptions | undefined> {
    const saved = settings.get(SETTINGS_KEY, Saved);
    if (!saved) return undefined;
    const password = saved.passwordFor === undefined ? undefined : await secrets.get(PASSWORD_ACCOUNT);
    // A password saved for another server than the address now saved is never sent (see the header).
    const sendable = password !== undefined && saved.passwordFor === destinationOf(parseRedisUrl(saved.url));
    return {
      url: saved.url,
      role,
      ...(sendable ? { password } : {}),
      ...(saved.name === undefined ? {} : { name: saved.name }),
      ...(saved.egress === undefined ? {} : { egress: saved.egress }),
    };
  }

  view(): SharedModeSettings {
    const saved = this.saved();
    const running = this.running.options;
    const differs = saved?.url !== running?.url || saved?.name !== running?.name || saved?.egress !== running?.egress;
    const restartNeeded = !this.running.fromCommandLine && (differs || this.passwordChanged);
    return {
      ...(saved ? { url: saved.url } : {}),
      passwordSet: saved?.passwordFor !== undefined,
      ...(saved?.name === undefined ? {} : { name: saved.name }),
      ...(saved?.egress === undefined ? {} : { egress: saved.egress }),
      fromCommandLine: this.running.fromCommandLine,
      restartNeeded,
    };
  }

  /** Saves the parts given; a refused request (bad address, no address to go with the rest) changes nothing. */
  async update(request: SharedModeUpdate): Promise<SharedModeSettings> {
    const before = this.saved();
    if (request.url === null) {
      if (before?.passwordFor !== undefined) await this.secrets.delete(PASSWORD_ACCOUNT);
      this.passwordChanged = false;
      this.settings.delete(SETTINGS_KEY);
      return this.view();
    }
    const address = request.url ?? before?.url;
    if (address === undefined) throw new AppError('INVALID_REQUEST', 'shared:update-settings: url: enter the Redis address first (redis://host:6379 or rediss://host:6380)');
    const url = parseRedisUrl(address);
    // A password typed in the address counts as typed in the password field.
    const typed = request.password ?? (url.password === '' ? undefined : decodeURIComponent(url.password));
    const destination = destinationOf(url);
    let passwordFor = before?.passwordFor === destination ? before.passwordFor : undefined;
    if (typed !== undefined && typed !== '') {
      await this.secrets.set(PASSWORD_ACCOUNT, typed);
      passwordFor = destination;
      this.passwordChanged = true;
    } else if (before?.passwordFor !== undefined && (typed === '' || passwordFor === undefined)) {
      // Removed, or its server changed without it being typed again: it is not kept for a server it was not given for.
      await this.secrets.delete(PASSWORD_ACCOUNT);
      passwordFor = undefined;
      this.passwordChanged = true;
    }
    const name = request.name === undefined ? before?.name : (request.name ?? undefined);
    const egress = request.egress === undefined ? before?.egress : (request.egress ?? undefined);
    const next: Saved = {
      url: withoutPassword(url),
      ...(name === undefined ? {} : { name }),
      ...(egress === undefined ? {} : { egress }),
      ...(passwordFor === undefined ? {} : { passwordFor }),
    };
    this.settings.set(SETTINGS_KEY, next);
    return this.view();
  }

  private saved(): Saved | undefined {
    return this.settings.get(SETTINGS_KEY, Saved);
  }
}
