// Where the bridge reports what it refused or dropped. Never given a token: callers pass login and server only.
export interface BridgeLog {
  info(message: string): void;
  warn(message: string): void;
}

export const consoleBridgeLog: BridgeLog = {
  info: (message) => console.info(`[mt5] ${message}`),
  warn: (message) => console.warn(`[mt5] ${message}`),
};
