// Signing in to the product's account (Auth0) with openid-client: the browser flow (Authorization Code + PKCE S256,
// state and nonce, a loopback redirect) where the browser runs on this machine, the device flow (RFC 8628) where it
// does not. The ID token is verified (signature, issuer, audience, expiry, nonce), the access token kept in memory
// only and refreshed before it expires, and the rotating refresh token kept in the SecretStore. Every refusal is a
// SignInError and stores nothing. The local app never depends on any of it: signed out, everything works as before.
import * as oidc from 'openid-client';
import type { AuthStatus, PendingSignIn, SignedInUser } from '../../src-shared';
import type { EventBus } from '../events';
import type { SecretStore } from '../secrets';
import type { AuthConfig } from './config';
import { SignInError } from './errors';
import { openLoopbackRedirect, CALLBACK_PORTS } from './loopback-redirect';
import { signInRefusal } from './refusals';
import { SessionStore, type SavedSession } from './session-store';
import { issuerKeys, verifyAccessToken, verifyIdToken, type KeySet } from './token-checks';

/** offline_access: Auth0 issues a refresh token only when asked for one. */
const SCOPE = 'openid profile email offline_access';
/** Refresh this long before the access token expires, so a call made meanwhile never carries an expired one. */
const REFRESH_AHEAD_MS = 60_000;
/** A browser sign-in not finished by then gives its loopback port back and says so. */
const BROWSER_SIGN_IN_TIMEOUT_MS = 10 * 60_000;
/** After a refresh failed for a reason that can pass (the network), try again this much later. */
const RETRY_REFRESH_MS = 60_000;

/** Opens an address in the system browser: Electron's shell.openExternal, or the headless host's page. */
export type OpenBrowser = (url: string) => void | Promise<void>;

export interface AuthServiceDeps {
  /** Undefined: sign-in is not configured and the service says so and does nothing. */
  config: AuthConfig | undefined;
  secrets: SecretStore;
  bus: EventBus;
  /** The loopback ports tried for the browser flow's redirect, in order. */
  callbackPorts?: readonly number[];
  /** How long a browser sign-in may wait for the provider's redirect (10 minutes when absent). */
  browserTimeoutMs?: number;
  /** The app's clock (ms); tests move it to see expired tokens refused. */
  now?: () => number;
  /** openid-client's HTTP client; the real fetch when absent (tests reach the provider's wire through it). */
  fetch?: oidc.CustomFetch;
  /** A line for the app's log: never a token. */
  log?: (line: string) => void;
}

interface Pending {
  info: PendingSignIn;
  abort: AbortController;
  done: Promise<AuthStatus>;
}

export class AuthService {
  private readonly store: SessionStore;
  private readonly now: () => number;
  private readonly log: (line: string) => void;
  private readonly listeners = new Set<(status: AuthStatus) => void>();
  private discovered: Promise<{ configuration: oidc.Configuration; keys: KeySet }> | undefined;
  private session: SavedSession | undefined;
  private access: { token: string; expiresAt: number } | undefined;
  private pending: Pending | undefined;
  private problem: string | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly deps: AuthServiceDeps) {
    this.store = new SessionStore(deps.secrets);
    this.now = deps.now ?? Date.now;
    this.log = deps.log ?? ((line) => console.warn(line));
  }

  get configured(): boolean {
    return this.deps.config !== undefined;
  }

  status(): AuthStatus {
    const status: AuthStatus = {
      configured: this.configured,
      state: this.session ? 'signed-in' : this.pending ? 'signing-in' : 'signed-out',
    };
    if (this.session) status.user = { name: this.session.name, email: this.session.email };
    if (this.pending && !this.session) status.pending = this.pending.info;
    if (this.problem !== undefined) status.problem = this.problem;
    return status;
  }

  /** Called on every change (signed in or out, a sign-in started, failed or ended). Returns the unsubscribe. */
  onStatusChanged(listener: (status: AuthStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** At start: the saved session (if any) shows as signed in at once; its access token is fetched in the background. */
  async restore(): Promise<void> {
    if (!this.configured) return;
    const saved = await this.store.load();
    if (!saved) return;
    this.session = saved;
    this.changed();
    this.scheduleRefresh(0);
  }

  /** Starts the browser flow: opens the authorize page with `open`; completion comes as a status change. */
  async signInWithBrowser(open: OpenBrowser): Promise<AuthStatus> {
    const { configuration } = await this.begin();
    const redirect = await openLoopbackRedirect(this.deps.callbackPorts ?? CALLBACK_PORTS);
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirect.redirectUri,
      scope: SCOPE,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      audience: this.deps.config!.audience,
    });
    const abort = new AbortController();
    const minutes = Math.round((this.deps.browserTimeoutMs ?? BROWSER_SIGN_IN_TIMEOUT_MS) / 60_000);
    const timeout = setTimeout(
      () => abort.abort(new SignInError('expired', `the sign-in was not finished in the browser within ${minutes} minutes: start it again`)),
      this.deps.browserTimeoutMs ?? BROWSER_SIGN_IN_TIMEOUT_MS,
    );
    timeout.unref();
    const finished = (async () => {
      try {
        const callback = await untilAborted(redirect.callback, abort.signal);
        const tokens = await oidc.authorizationCodeGrant(configuration, callback, {
          pkceCodeVerifier: verifier,
          expectedState: state,
          expectedNonce: nonce,
          idTokenExpected: true,
        });
        return tokens;
      } catch (error) {
        throw signInRefusal(error, 'code');
      } finally {
        clearTimeout(timeout);
        redirect.close();
      }
    })();
    this.track({ flow: 'browser', url: url.href }, abort, finished, nonce);
    try {
      await open(url.href);
    } catch (error) {
      this.cancel();
      throw new SignInError('failed', `the browser could not be opened: ${error instanceof Error ? error.message : String(error)}`, error);
    }
    return this.status();
  }

  /** Starts the device flow: the status carries the verification address and the code to enter there. */
  async signInWithDevice(): Promise<AuthStatus> {
    const { configuration } = await this.begin();
    let response: oidc.DeviceAuthorizationResponse;
    try {
      response = await oidc.initiateDeviceAuthorization(configuration, { scope: SCOPE, audience: this.deps.config!.audience });
    } catch (error) {
      throw signInRefusal(error, 'device');
    }
    const abort = new AbortController();
    const finished = oidc.pollDeviceAuthorizationGrant(configuration, response, undefined, { signal: abort.signal }).catch((error: unknown) => {
      throw abort.signal.aborted ? new SignInError('cancelled', 'the sign-in was cancelled') : signInRefusal(error, 'device');
    });
    const info: PendingSignIn = {
      flow: 'device',
      verificationUri: response.verification_uri,
      userCode: response.user_code,
      expiresAt: this.now() + response.expires_in * 1000,
    };
    if (response.verification_uri_complete) info.verificationUriComplete = response.verification_uri_complete;
    this.track(info, abort, finished, undefined);
    return this.status();
  }

  /** Resolves when the sign-in that waits ends: signed in, or refused (a SignInError). */
  completion(): Promise<AuthStatus> {
    if (!this.pending) return Promise.resolve(this.status());
    return this.pending.done;
  }

  cancel(): AuthStatus {
    if (this.pending) {
      this.pending.abort.abort();
      this.pending = undefined;
      this.changed();
    }
    return this.status();
  }

  /** Revokes the refresh token at the provider (best effort: offline, it is forgotten here all the same) and forgets it. */
  async signOut(): Promise<AuthStatus> {
    this.cancel();
    const session = this.session;
    if (!session) return this.status();
    try {
      const { configuration } = await this.discover();
      await oidc.tokenRevocation(configuration, session.refreshToken, { token_type_hint: 'refresh_token' });
    } catch (error) {
      this.log(`sign-in: the refresh token could not be revoked at the provider (${error instanceof Error ? error.name : 'error'}); it is forgotten here`);
    }
    await this.endSession(undefined);
    return this.status();
  }

  /** The access token for the account server, refreshed first when it is about to expire; undefined when signed out. */
  async accessToken(): Promise<string | undefined> {
    if (!this.session) return undefined;
    if (!this.access || this.access.expiresAt - REFRESH_AHEAD_MS <= this.now()) await this.refresh();
    return this.access?.token;
  }

  /**
   * Trades the refresh token for new tokens (the provider rotates it: the new one replaces the old in the store). A
   * refused one (revoked, or reused after rotation) ends the session with a message; nothing else local changes.
   */
  refresh(): Promise<void> {
    this.refreshing ??= this.refreshOnce().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.refreshTimer);
    this.pending?.abort.abort();
    this.pending = undefined;
    this.listeners.clear();
  }

  private async refreshOnce(): Promise<void> {
    const session = this.session;
    if (!session) return;
    const { configuration, keys } = await this.discover();
    let tokens: oidc.TokenEndpointResponse;
    try {
      tokens = await oidc.refreshTokenGrant(configuration, session.refreshToken);
    } catch (error) {
      const refusal = signInRefusal(error, 'refresh');
      if (refusal.reason === 'refresh-rejected') {
        await this.endSession(refusal.message);
        throw refusal;
      }
      this.log(`sign-in: refreshing the session failed (${refusal.reason}); trying again in ${RETRY_REFRESH_MS / 1000} s`);
      this.scheduleRefresh(RETRY_REFRESH_MS);
      throw refusal;
    }
    if (this.session !== session) return; // signed out meanwhile: the new tokens are not kept
    const next = await this.checkedTokens(tokens, keys, undefined, session);
    await this.store.save(next.session);
    this.session = next.session;
    this.access = next.access;
    this.scheduleRefresh(next.access.expiresAt - REFRESH_AHEAD_MS - this.now());
    this.changed();
  }

  private async begin(): Promise<{ configuration: oidc.Configuration; keys: KeySet }> {
    if (!this.configured) throw new SignInError('not-configured', 'sign-in is not configured here (TBS_AUTH_ISSUER, TBS_AUTH_CLIENT_ID, TBS_AUTH_AUDIENCE)');
    if (this.session) throw new SignInError('failed', `already signed in as ${this.session.email}: sign out first`);
    this.cancel();
    return this.discover();
  }

  private track(info: PendingSignIn, abort: AbortController, finished: Promise<oidc.TokenEndpointResponse>, nonce: string | undefined): void {
    const pending: Pending = {
      info,
      abort,
      done: finished
        .then(async (tokens) => {
          const { keys } = await this.discover();
          const checked = await this.checkedTokens(tokens, keys, nonce, undefined);
          if (this.pending !== pending) throw new SignInError('cancelled', 'the sign-in was cancelled');
          // Stored before it counts as signed in: a store that refuses (locked key file) leaves the app signed out.
          await this.store.save(checked.session);
          this.session = checked.session;
          this.access = checked.access;
          this.pending = undefined;
          this.problem = undefined;
          this.scheduleRefresh(checked.access.expiresAt - REFRESH_AHEAD_MS - this.now());
          this.deps.bus.publish('user.signed-in', { name: checked.session.name, email: checked.session.email, at: this.now() });
          this.changed();
          return this.status();
        })
        .catch((error: unknown) => {
          const refusal = error instanceof SignInError ? error : signInRefusal(error, 'code');
          if (this.pending === pending) {
            this.pending = undefined;
            if (refusal.reason !== 'cancelled') this.problem = refusal.message;
            this.changed();
          }
          if (refusal.reason !== 'cancelled') this.log(`sign-in refused: ${refusal.reason}`);
          throw refusal;
        }),
    };
    // Nobody may be waiting for it (the renderer learns from the status change): never an unhandled rejection.
    pending.done.catch(() => {});
    this.pending = pending;
    this.problem = undefined;
    this.changed();
  }

  /** The tokens' checks (jose, on top of openid-client's): the session to save and the access token to keep. */
  private async checkedTokens(
    tokens: oidc.TokenEndpointResponse,
    keys: KeySet,
    nonce: string | undefined,
    previous: SavedSession | undefined,
  ): Promise<{ session: SavedSession; access: { token: string; expiresAt: number } }> {
    const config = this.deps.config!;
    const issuer = (await this.discover()).configuration.serverMetadata().issuer;
    const now = this.now();
    let user: SignedInUser & { sub: string };
    if (tokens.id_token) {
      const claims = await verifyIdToken(tokens.id_token, { keys, issuer, audience: config.clientId, now, ...(nonce === undefined ? {} : { nonce }) });
      const sub = String(claims.sub ?? '');
      if (previous && previous.sub !== sub) throw new SignInError('id-token-invalid', 'the refreshed session belongs to another user');
      user = { sub, name: String(claims.name ?? claims.email ?? sub), email: String(claims.email ?? '') };
    } else if (previous) {
      user = { sub: previous.sub, name: previous.name, email: previous.email };
    } else {
      throw new SignInError('id-token-invalid', 'the provider sent no ID token: is the "openid" scope allowed for this application?');
    }
    await verifyAccessToken(tokens.access_token, { keys, issuer, audience: config.audience, now });
    const refreshToken = tokens.refresh_token ?? previous?.refreshToken;
    if (!refreshToken) {
      throw new SignInError('failed', 'the provider issued no refresh token: allow offline access for the API and enable refresh token rotation (docs/sign-in.md)');
    }
    return {
      session: { refreshToken, ...user },
      access: { token: tokens.access_token, expiresAt: now + (tokens.expires_in ?? 300) * 1000 },
    };
  }

  private async endSession(problem: string | undefined): Promise<void> {
    const wasSignedIn = this.session !== undefined;
    this.session = undefined;
    this.access = undefined;
    clearTimeout(this.refreshTimer);
    await this.store.forget();
    this.problem = problem;
    if (wasSignedIn) this.deps.bus.publish('user.signed-out', { at: this.now(), ...(problem ? { reason: problem } : {}) });
    this.changed();
  }

  private scheduleRefresh(inMs: number): void {
    clearTimeout(this.refreshTimer);
    if (this.closed) return;
    this.refreshTimer = setTimeout(() => void this.refresh().catch(() => {}), Math.max(0, inMs));
    this.refreshTimer.unref();
  }

  private discover(): Promise<{ configuration: oidc.Configuration; keys: KeySet }> {
    this.discovered ??= (async () => {
      const config = this.deps.config!;
      const skewS = Math.round((this.now() - Date.now()) / 1000);
      const metadata: Partial<oidc.ClientMetadata> = { [oidc.clockSkew]: skewS };
      const configuration = await oidc.discovery(config.issuer, config.clientId, metadata, oidc.None(), {
        // Plain HTTP only for an issuer on this machine (config.ts refuses it anywhere else).
        execute: config.loopbackHttp ? [oidc.allowInsecureRequests] : [],
        ...(this.deps.fetch ? { [oidc.customFetch]: this.deps.fetch } : {}),
        timeout: 15,
      });
      if (this.deps.fetch) configuration[oidc.customFetch] = this.deps.fetch;
      const jwksUri = configuration.serverMetadata().jwks_uri;
      if (!jwksUri) throw new SignInError('failed', 'the provider publishes no signing keys (jwks_uri)');
      return { configuration, keys: issuerKeys(jwksUri) };
    })().catch((error: unknown) => {
      this.discovered = undefined;
      throw error instanceof SignInError ? error : new SignInError('provider-unreachable', `the sign-in provider ${this.deps.config!.issuer.host} could not be reached`, error);
    });
    return this.discovered;
  }

  private changed(): void {
    const status = this.status();
    for (const listener of this.listeners) listener(status);
  }
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason instanceof SignInError ? signal.reason : new SignInError('cancelled', 'the sign-in was cancelled'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
