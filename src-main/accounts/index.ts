// The accounts folder's public face.
export { AccountRepository, type AccountRecord } from './account-repository';
export { AccountService, type AccountServiceOptions } from './account-service';
export { AccountRecords, type AccountDraft, type AccountRecordsOptions } from './account-records';
export {
  AccountConnections,
  type AccountConnectionsOptions,
  type ConnectExchange,
  type LiveDataHandle,
  type OpenLiveData,
} from './account-connections';
export { credentialsEntry } from './credentials';
export { Mt5Terminals, TRADING_LOGIN_KEY, type Mt5TerminalsOptions } from './mt5-terminals';
