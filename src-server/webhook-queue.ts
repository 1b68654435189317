// Processes received webhook events one at a time, after the webhook has already been answered. One at a time on
// purpose: two events of the same subscription never read it concurrently, so an older read cannot overwrite a newer
// one. Each event re-reads the subscription from Stripe instead of trusting the event's copy, so events arriving out
// of order (Stripe does not guarantee order) still leave the latest state. A failed read is retried with back-off;
// the events survive a restart in SQLite and are picked up again at start.
import type { BillingRepository, PendingEvent, StoredSubscription } from './repository';
import { StripeUnavailableError, type StripeGateway } from './stripe-gateway';

/** The event types that can change what a customer is entitled to. Others are acknowledged and ignored. */
export const HANDLED_EVENTS = new Set([
  'checkout.session.completed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'invoice.paid',
  'invoice.payment_failed',
  'payment_intent.succeeded',
]);

const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;

export interface WebhookQueueOptions {
  repository: BillingRepository;
  stripe: Pick<StripeGateway, 'readSubscription'>;
  now: () => number;
  log: (line: string) => void;
  /** First retry delay; doubled at each failure, up to an hour. */
  retryDelayMs?: number;
}

export class WebhookQueue {
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: WebhookQueueOptions) {}

  /** Starts processing due events unless it already is. */
  kick(): void {
    if (this.closed || this.running) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
      this.scheduleNext();
    });
  }

  /** Resolves once no due event is left and nothing is being processed (tests and shutdown wait on it). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }

  private scheduleNext(): void {
    clearTimeout(this.timer);
    const at = this.options.repository.nextAttemptAt();
    if (this.closed || at === undefined) return;
    this.timer = setTimeout(() => this.kick(), Math.max(0, at - this.options.now()));
    this.timer.unref();
  }

  private async drain(): Promise<void> {
    const { repository, now } = this.options;
    for (let event = repository.nextDueEvent(now()); event && !this.closed; event = repository.nextDueEvent(now())) {
      await this.process(event);
    }
  }

  private async process(event: PendingEvent): Promise<void> {
    const { repository, now, log } = this.options;
    try {
      const subscriptions = HANDLED_EVENTS.has(event.type) ? await this.reread(event) : [];
      repository.completeEvent(event.eventId, subscriptions, now());
    } catch (error) {
      const delay = Math.min((this.options.retryDelayMs ?? 1_000) * 2 ** event.attempts, MAX_RETRY_DELAY_MS);
      const reason = (error as Error).message;
      repository.postponeEvent(event.eventId, reason, now() + delay);
      log(`webhook event ${event.eventId} (${event.type}) postponed ${Math.round(delay / 1000)} s: ${reason}`);
    }
  }

  /** The subscriptions the event is about, as Stripe has them now. */
  private async reread(event: PendingEvent): Promise<StoredSubscription[]> {
    const ids = event.subscriptionId
      ? [event.subscriptionId]
      : event.customerId
        ? this.options.repository.subscriptionsOfCustomer(event.customerId).map((s) => s.subscriptionId)
        : [];
    const read: StoredSubscription[] = [];
    for (const id of ids) {
      try {
        read.push(await this.options.stripe.readSubscription(id, this.options.now()));
      } catch (error) {
        // A subscription Stripe does not know (deleted in test mode, another account's id) will never appear: skip it.
        if (error instanceof StripeUnavailableError && error.status === 404) continue;
        throw error;
      }
    }
    return read;
  }
}
