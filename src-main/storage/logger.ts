// Storage recovers from some bad data (a corrupt setting) instead of failing; it says so through this port, so that
// tests can assert what was reported and the app can route it to its log.
export interface StorageLogger {
  warn(message: string): void;
}

export const consoleLogger: StorageLogger = {
  warn: (message) => console.warn(message),
};
