// What the kill-switch benchmark drives: the risk service over real ccxt adapters and the three fake venues.
export { InProcessEventBus } from '../../src-main/events';
export { openDatabase } from '../../src-main/storage';
export { RiskRepository, RiskService } from '../../src-main/risk';
export { startThreeVenues } from '../../src-main/risk/testing/three-venues';
