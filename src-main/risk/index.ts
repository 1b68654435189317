// The risk folder's public face: limits checked before every order, the kill switch, and the venues' dead-man
// switches kept armed.
export { RiskService, type PreTradeCheck, type RiskServiceOptions } from './risk-service';
export { RiskRepository } from './risk-repository';
export { KillSwitch, describeReport, type KillSwitchOptions } from './kill-switch';
export { DeadManSwitch, type DeadManSwitchOptions, type DeadManVenue } from './dead-man-switch';
export { orderServiceCancelTarget, venueCancelTarget, type CancelAllPort, type CancelTarget } from './cancel-targets';
export { cancelTargets, connectedVenues, deadManVenues, type ConnectedVenue } from './connected-venues';
export { PositionBook, type Position } from './position-book';
export { dayStart } from './daily-window';
