// The secrets folder's public face. keytar itself stays inside this folder (eslint-rules/layering.mjs).
export type { SecretStore, SecretVault } from './ports';
export { KeytarSecretStore, SECRET_SERVICE_NAME, type KeytarApi, type KeytarLoader } from './keytar-secret-store';
export { FileSecretStore, LOCKED_MESSAGE, SECRETS_FILE } from './file-secret-store';
export { chooseSecretStore, type ChooseSecretStoreOptions } from './choose';
export { requireKeys } from './require-keys';
export { configuredPassphrase, PASSPHRASE_ENV, PassphraseSourceError, secretsChoice } from './passphrase';
