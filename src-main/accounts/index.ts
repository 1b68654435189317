// The accounts folder's public face.
export { AccountRepository, type AccountRecord } from './account-repository';
export { AccountService, type AccountServiceOptions, type ConnectExchange, type LiveDataHandle, type OpenLiveData } from './account-service';
export { credentialsEntry } from './credentials';
