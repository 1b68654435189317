// The topics of the in-process event bus and what each carries. Events broadcast state changes (past tense);
// control flow uses direct calls.
import type {
  AlertTriggered,
  BalancesChanged,
  DeliveryLogEntry,
  KillSwitchState,
  NotificationShown,
  Order,
  PaymentEvent,
  PortfolioUpdated,
  RiskLimitEvent,
  Ticker,
  Trade,
  UserSignedIn,
  UserSignedOut,
} from '../../src-shared';

export interface NotificationDelivered {
  entry: Omit<DeliveryLogEntry, 'id'>;
  /** The name of the process that delivered it (the Processes panel's). */
  by: string;
}

export interface BusTopics {
  'price.updated': Ticker;
  'trade.executed': Trade;
  'order.updated': Order;
  'balance.changed': BalancesChanged;
  'alert.triggered': AlertTriggered;
  /** An order refused by a risk limit, or the daily loss past its limit (src-main/risk). */
  'risk.limit.exceeded': RiskLimitEvent;
  /** A figure reached the warning share (80 % by default) of its limit. */
  'risk.limit.warning': RiskLimitEvent;
  /** The kill switch was engaged or released, or its sweep of open orders moved on. */
  'risk.kill-switch.changed': KillSwitchState;
  /** A desktop notification for every window to show (the headless host's desktop channel). */
  'notification.shown': NotificationShown;
  /** A notification delivery was written to the delivery log. */
  'notification.logged': DeliveryLogEntry;
  /** Shared mode: this process delivered a notification for all; the others log that it did (src-main/shared-wiring). */
  'notification.delivered': NotificationDelivered;
  /** The trader signed in to the product's account (src-main/auth). */
  'user.signed-in': UserSignedIn;
  /** The trader signed out, or the session ended by itself (`reason` says why). */
  'user.signed-out': UserSignedOut;
  /** The account server confirmed a payment: Pro is active (again). (src-main/billing) */
  'payment.succeeded': PaymentEvent;
  /** A renewal payment failed: Pro stays for a grace period; the card must be updated before `updateBefore`. */
  'payment.failed': PaymentEvent;
  /** The subscription ended: the plan is Free. */
  'subscription.cancelled': PaymentEvent;
  /** A portfolio view's equity or P&L changed (src-main/portfolio), coalesced to a few a second. */
  'portfolio.updated': PortfolioUpdated;
}

export type Topic = keyof BusTopics;
