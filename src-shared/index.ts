export * from './domain';
export * from './errors';
export * from './contract';
export * from './wire';
export * from './csp';
