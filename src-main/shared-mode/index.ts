// Shared mode's public face (several processes on one Redis; see docs/scale-out.md). Other folders import only
// this file (enforced by eslint-rules/layering.mjs).
export { SharedMode, type SharedModeOptions } from './shared-mode';
export { SharedEventBus, type SharedEvent, type SharedBusOptions } from './shared-bus';
export { SharedRateBudget, type SharedBudgetOptions } from './shared-budget';
export { shareKillSwitch, type KillSwitchPort } from './shared-kill-switch';
export { onceBus } from './once-bus';
export { Presence, type ProcessInfo } from './presence';
export { RedisLink, describeRedisUrl, parseRedisUrl, type RedisLinkOptions } from './redis-link';
export { DURABLE_TOPICS, LOSSY_TOPICS } from './envelope';
