// English: words used across the app (the shell, shared buttons). Keys are the source of truth for vi/common.ts.
export default {
  app: {
    connecting: 'Connecting to the app…',
    couldNotLoad: 'Could not load the app: {{error}}',
    noMarket: 'No market selected.',
    chart: 'Chart',
    prices: 'Prices',
    ticketAndPrices: 'Order ticket and prices',
    venueNotConnected: '{{venue}} is not connected, so Demo is shown.',
    venueNotConnectedReconnect: '{{venue}} is not connected, so Demo is shown; reconnect it in Accounts.',
  },
  plainText: {
    label: 'Confirm plain text',
    title: 'Send in clear text?',
    warning: 'Anyone on the network path can read it. Only accept this for a network you control.',
    accept: 'Accept plain text',
  },
  actions: {
    back: 'Back',
    cancel: 'Cancel',
    save: 'Save',
    close: 'Close',
    remove: 'Remove',
    replace: 'Replace',
    confirm: 'Confirm',
  },
  language: {
    en: 'English',
    vi: 'Tiếng Việt',
  },
};
