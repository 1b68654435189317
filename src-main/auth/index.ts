// The sign-in domain's public face. openid-client and jose stay inside this folder (eslint-rules/layering.mjs).
export { AuthService, type AuthServiceDeps, type OpenBrowser } from './service';
export { authConfigFromEnv, AUTH_ENV, type AuthConfig } from './config';
export { SignInError, type SignInRefusal } from './errors';
export { CALLBACK_PORTS, CALLBACK_PATH } from './loopback-redirect';
export { AUTH_SESSION_ENTRY } from './session-store';
