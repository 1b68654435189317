// What the shared kill switch's part of the redis-bus benchmark drives: three processes' shared buses and risk
// services on a real redis-server, each trading its own fake venue through real ccxt.
export { openDatabase } from '../../src-main/storage';
export { RedisLink, SharedEventBus, shareKillSwitch } from '../../src-main/shared-mode';
export { RiskRepository, RiskService } from '../../src-main/risk';
export { startThreeVenues } from '../../src-main/risk/testing/three-venues';
