// The secrets folder's public face. keytar itself stays inside this folder (eslint-rules/layering.mjs).
export type { SecretStore } from './ports';
export { KeytarSecretStore, SECRET_SERVICE_NAME, type KeytarApi, type KeytarLoader } from './keytar-secret-store';
