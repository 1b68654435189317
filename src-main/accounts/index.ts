// The accounts folder's public face.
export { AccountRepository, type AccountRecord } from './account-repository';
export { AccountService, type AccountServiceOptions, type ConnectExchange } from './account-service';
export { credentialsEntry } from './credentials';
