// The MetaTrader 5 bridge's public face inside exchanges/ (docs/mt5-protocol.md).
export { Mt5BridgeServer, type BridgeRefusal, type Mt5BridgeServerOptions } from './bridge-server';
export { Mt5Session, type Mt5Terminal } from './session';
export { BridgeError, type BridgeFailure } from './bridge-error';
export { getOrCreatePairingToken, PAIRING_TOKEN_ENTRY, renewPairingToken } from './pairing-token';
export type { BridgeLog } from './bridge-log';
export { Mt5Venue, type Mt5VenueOptions } from './mt5-venue';
export { retcodeOutcome, type RetcodeOutcome } from './retcodes';
export { DEFAULT_BRIDGE_PORT } from './protocol';
export { Mt5LiveSource, type Mt5Sessions } from './live-source';
