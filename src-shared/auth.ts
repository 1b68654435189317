// Signing in to the product's account (Auth0): what the renderer may know of it. Tokens never cross to the renderer:
// the status says who is signed in and, while a sign-in waits, where the trader goes to finish it.
import { z } from 'zod';

/** browser: Authorization Code with PKCE in the system browser; device: the Device Authorization Grant (RFC 8628). */
export const SignInFlow = z.enum(['browser', 'device']);
export type SignInFlow = z.infer<typeof SignInFlow>;

export const SignedInUser = z.object({ name: z.string(), email: z.string() });
export type SignedInUser = z.infer<typeof SignedInUser>;

/** What the trader does to finish a sign-in that waits: the page opened in the browser, or a code to enter elsewhere. */
export const PendingSignIn = z.discriminatedUnion('flow', [
  z.object({ flow: z.literal('browser'), url: z.string() }),
  z.object({
    flow: z.literal('device'),
    verificationUri: z.string(),
    /** The same page with the code filled in (what the QR code holds), when the provider gives one. */
    verificationUriComplete: z.string().optional(),
    userCode: z.string(),
    expiresAt: z.number().int().nonnegative(),
  }),
]);
export type PendingSignIn = z.infer<typeof PendingSignIn>;

export const AuthStatus = z.object({
  /** No issuer and client id are configured: the app shows no sign-in at all. */
  configured: z.boolean(),
  state: z.enum(['signed-out', 'signing-in', 'signed-in']),
  user: SignedInUser.optional(),
  pending: PendingSignIn.optional(),
  /** Why the last sign-in failed, or why the session ended, in words. */
  problem: z.string().optional(),
});
export type AuthStatus = z.infer<typeof AuthStatus>;

const NoPayload = z.object({}).strict();

export const authChannels = {
  'auth:status': { req: NoPayload, res: AuthStatus },
  /** Starts a sign-in; the answer carries what to do next (`pending`), completion comes as `auth.status-changed`. */
  'auth:sign-in': { req: z.object({ flow: SignInFlow }).strict(), res: AuthStatus },
  /** Gives up a sign-in that waits. */
  'auth:cancel': { req: NoPayload, res: AuthStatus },
  /** Revokes the refresh token at the provider and forgets it here. */
  'auth:sign-out': { req: NoPayload, res: AuthStatus },
} as const;

/** The three values of the settings screen's Sign-in section, as typed. */
export const SignInSettingsValues = z.object({
  /** The Auth0 domain (tenant.eu.auth0.com); https:// is assumed. */
  issuer: z.string(),
  /** The Native application's client id (a public client: no secret). */
  clientId: z.string(),
  /** The account server's API identifier. */
  audience: z.string(),
});
export type SignInSettingsValues = z.infer<typeof SignInSettingsValues>;

/**
 * Where sign-in is configured. environment: the TBS_AUTH_* variables are set and win (the screen shows them read-only);
 * settings: saved from the settings screen; none: no sign-in at all.
 */
export const SignInSettings = z.object({
  source: z.enum(['environment', 'settings', 'none']),
  values: SignInSettingsValues.optional(),
  /** Why the configuration in force does not work (a half-set environment), in words. */
  problem: z.string().optional(),
});
export type SignInSettings = z.infer<typeof SignInSettings>;

/** Not secrets (a domain and a public client id), but bounded all the same. */
const settingText = (max: number) => z.string().trim().max(max).default('');

export const authSettingsChannels = {
  'auth:settings': { req: NoPayload, res: SignInSettings },
  /**
   * Saves and applies the Sign-in section: all three values, or none (all empty: sign-in removed). A half-filled one is
   * refused naming what is missing, and nothing is saved. Changing where the app signs in signs out first.
   */
  'auth:update-settings': {
    req: z.object({ issuer: settingText(256), clientId: settingText(128), audience: settingText(256) }).strict(),
    res: SignInSettings,
  },
} as const;

export const authEvents = {
  'auth.status-changed': AuthStatus,
  /**
   * The headless host's "system browser": the page that asked for a sign-in (or a checkout, or the billing portal)
   * opens this address in a new tab.
   */
  'auth.open-url': z.object({ url: z.string() }),
} as const;

/** Bus payloads (src-main/events): who signed in, and why a session ended when the trader did not end it. */
export interface UserSignedIn {
  name: string;
  email: string;
  at: number;
}
export interface UserSignedOut {
  at: number;
  /** Set when the session ended by itself (the refresh token refused); absent for a sign-out. */
  reason?: string;
}
