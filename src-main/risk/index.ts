// The risk folder's public face: limits checked before every order, the kill switch, and the venues' dead-man
// switches kept armed.
export { RiskService, type CurrencyConverter, type PreTradeCheck, type RiskServiceOptions } from './risk-service';
export { RiskRepository } from './risk-repository';
export { KillSwitch, describeReport, stillOpenWords, type KillSwitchOptions } from './kill-switch';
export { DeadManSwitch, type DeadManLapse, type DeadManSwitchOptions, type DeadManVenue } from './dead-man-switch';
export { DeadManSweeps } from './dead-man-sweeps';
export { orderServiceCancelTarget, venueCancelTarget, type CancelAllPort, type CancelTarget, type SweepFilter } from './cancel-targets';
export { DEFAULT_SLOW_MS as KILL_SWITCH_SLOW_RETRY_MS } from './venue-sweep';
export { cancelTargets, connectedVenues, deadManVenues, type ConnectedVenue } from './connected-venues';
export { PositionBook, type Position } from './position-book';
export { dayStart } from './daily-window';
