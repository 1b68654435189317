// The alerts folder's public face.
export { AlertRepository, KEPT_FIRINGS, type AlertRuleRecord } from './alert-repository';
export { AlertService, type AlertServiceOptions } from './alert-service';
export { describeRule } from './describe';
export {
  CHANGE_REARM_SHARE,
  DEFAULT_MIN_INTERVAL_MS,
  HYSTERESIS_FRACTION,
  evaluateRule,
  initialArming,
  type Arming,
  type FiringPolicy,
  type Observation,
  type Outcome,
  type RuleState,
} from './rule-logic';
