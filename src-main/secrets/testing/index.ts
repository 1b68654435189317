export { MemorySecretStore, type SecretOperation } from './memory-secret-store';
