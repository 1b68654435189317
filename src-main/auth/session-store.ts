// The saved sign-in: the rotating refresh token and who it belongs to, kept as one entry of the SecretStore
// (keychain or the encrypted key file). Never in SQLite, never sent to the renderer.
import { z } from 'zod';
import type { SecretStore } from '../secrets';

/** The SecretStore entry; `npm run secrets -- migrate` moves it with the other keys. */
export const AUTH_SESSION_ENTRY = 'auth:session';

const SavedSession = z.object({
  refreshToken: z.string().min(1),
  sub: z.string(),
  name: z.string(),
  email: z.string(),
});
export type SavedSession = z.infer<typeof SavedSession>;

export class SessionStore {
  constructor(private readonly secrets: SecretStore) {}

  async load(): Promise<SavedSession | undefined> {
    const text = await this.secrets.get(AUTH_SESSION_ENTRY);
    if (text === undefined) return undefined;
    try {
      return SavedSession.parse(JSON.parse(text));
    } catch {
      // Unreadable (hand-edited, an older format): as if signed out; the next sign-in replaces it.
      return undefined;
    }
  }

  save(session: SavedSession): Promise<void> {
    return this.secrets.set(AUTH_SESSION_ENTRY, JSON.stringify(session));
  }

  async forget(): Promise<void> {
    await this.secrets.delete(AUTH_SESSION_ENTRY);
  }
}
