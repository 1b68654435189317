// English: the product account's sign-in (the top bar's control, the device code dialog, the settings section).
// Keys are the source of truth: vi/signIn.ts must have the same ones (typed).
export default {
  control: {
    account: 'Account',
    signedInAs: 'Signed in as <b>{{name}}</b>',
    signIn: 'Sign in',
    signInWithCode: 'Sign in with a code',
    signOut: 'Sign out',
    finishInBrowser: 'Finish signing in in your browser (<a>open it again</a>)',
  },
  device: {
    title: 'Sign in on another device',
    open: 'Open <a>{{url}}</a> on a phone or computer and enter this code:',
    code: 'Code to enter',
    qr: 'QR code of the sign-in page',
    waiting: 'Waiting for you to confirm there… The code expires at {{time}}.',
  },
  settings: {
    heading: 'Sign-in',
    intro:
      'Where the app signs in to your Trade Bot Scratch account (Auth0). Leave all three empty for no sign-in at all. Changing where the app signs in signs you out first.',
    fromEnvironment: 'Set by TBS_AUTH_* in the app’s environment: change or unset those variables to change this.',
    off: 'Sign-in is off: {{problem}}',
    form: 'Sign-in settings',
    issuer: 'Issuer (Auth0 domain)',
    issuerHint: 'https:// is assumed.',
    clientId: 'Client id',
    clientIdPlaceholder: 'the Native application’s client id',
    audience: 'Audience',
    save: 'Save sign-in',
    remove: 'Remove sign-in',
    removed: 'Sign-in removed.',
    saved: 'Saved: sign-in uses these settings now.',
  },
};
