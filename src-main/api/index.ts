export { createDispatcher, type Dispatcher, type Handler, type Handlers } from './dispatcher';
export { createHandlers } from './handlers';
export type { ApiServices, AppIdentity } from './services';
export { TransportSession, type Session } from './session';
export { allConnectivity, connectivityOf } from './connectivity';
