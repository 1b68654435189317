// `auth:*`: signing in to the product's account. Tokens never appear in an answer: the status says who is signed in
// and, while a sign-in waits, the page or the code that finishes it. Without a system browser of its own (the
// headless host), the browser flow asks the page that clicked "Sign in" to open the provider in a new tab.
import type { Handlers } from './dispatcher';
import type { ApiServices } from './services';

type AuthChannels = 'auth:status' | 'auth:sign-in' | 'auth:cancel' | 'auth:sign-out';

export function authHandlers({ auth, openBrowser }: Pick<ApiServices, 'auth' | 'openBrowser'>): Pick<Handlers, AuthChannels> {
  return {
    'auth:status': () => auth.status(),
    'auth:sign-in': ({ flow }, session) =>
      flow === 'device' ? auth.signInWithDevice() : auth.signInWithBrowser(openBrowser ?? ((url) => session.push('auth.open-url', { url }))),
    'auth:cancel': () => auth.cancel(),
    'auth:sign-out': () => auth.signOut(),
  };
}
