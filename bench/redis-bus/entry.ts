// What the redis-bus benchmark drives: the shared bus and budget of several processes on a real redis-server
// started for the run, and the fake Binance for the budget.
export { openDatabase } from '../../src-main/storage';
export { RedisLink, SharedEventBus, SharedRateBudget } from '../../src-main/shared-mode';
export { startTestRedis } from '../../src-main/shared-mode/testing/redis-server';
export { hammer } from '../../src-main/shared-mode/testing/hammer';
export { startFakeBinance, TEST_ACCOUNT } from '../../fakes/binance';
