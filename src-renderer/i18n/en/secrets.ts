// English: where keys are kept and the key file's passphrase prompt. vi/secrets.ts must have the same keys (typed).
export default {
  notice: {
    label: 'Keys',
    locked: 'Keys are locked: enter the passphrase to use them.',
  },
  unlockKeys: 'Unlock keys',
  dialog: {
    createTitle: 'Create the key file',
    createIntro:
      'No system keychain here: exchange and data-provider keys are kept in an encrypted file in the data folder. Choose its passphrase; it cannot be recovered if lost.',
    unlockIntro: 'Exchange and data-provider keys are kept in an encrypted file. Enter its passphrase to use them.',
    passphrase: 'Passphrase',
    repeat: 'Repeat the passphrase',
    enterPassphrase: 'Enter the passphrase.',
    tooShort: 'Choose a passphrase of at least {{min}} characters.',
    differ: 'The two passphrases differ: type them again.',
    creating: 'Creating…',
    unlocking: 'Unlocking…',
    create: 'Create key file',
    unlock: 'Unlock',
    notNow: 'Not now',
  },
};
