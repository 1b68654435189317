// Account server: how fast a Stripe webhook is answered (Stripe wants a 2xx quickly; the work happens after the
// answer), how fast the queue then re-reads subscriptions from Stripe (the fake, on 127.0.0.1), and how long the app
// takes to verify an entitlement token offline. Goal: webhook answered in ≤ 50 ms at p99.
import { loadTs, median } from '../lib/load-ts.mjs';

const GOAL_P99_MS = 50;
const EVENTS = Number(process.env.BENCH_EVENTS ?? 300);
const VERIFIES = Number(process.env.BENCH_VERIFIES ?? 2_000);

const { startAccountServer, EntitlementKey } = await loadTs('bench/account-server/entry.ts');
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];
const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;

const server = await startAccountServer();
try {
  const checkout = await server.call('POST', '/billing/checkout', { body: { interval: 'monthly' } });
  const sessionId = /\/c\/pay\/(cs_test_\w+)$/.exec(checkout.json.url)[1];
  const [created] = server.stripe.completeCheckout(sessionId);
  await server.stripe.deliver(created);
  await server.server.queue.idle();
  const subscriptionId = created.data.object.id;

  // Each delivery a distinct event, as Stripe sends them; answered before its subscription is re-read.
  const answers = [];
  const drainStart = process.hrtime.bigint();
  for (let i = 0; i < EVENTS; i++) {
    const event = server.stripe.updateSubscription(subscriptionId, { cancelAtPeriodEnd: i % 2 === 0 });
    const start = process.hrtime.bigint();
    const delivery = await server.stripe.deliver(event);
    answers.push(ms(start));
    if (delivery.status !== 200) throw new Error(`webhook answered ${delivery.status}`);
  }
  await server.server.queue.idle();
  const drainMs = ms(drainStart);

  // The same event 10 times at once: one effect.
  const duplicate = server.stripe.updateSubscription(subscriptionId, {});
  const readsBefore = server.stripe.requests.filter((r) => r.path.startsWith('/v1/subscriptions/')).length;
  await Promise.all(Array.from({ length: 10 }, () => server.stripe.deliver(duplicate)));
  await server.server.queue.idle();
  const duplicateReads = server.stripe.requests.filter((r) => r.path.startsWith('/v1/subscriptions/')).length - readsBefore;

  const { token } = (await server.call('GET', '/me/entitlements')).json;
  const key = await EntitlementKey.fromPem(server.publicKeyPem, server.url);
  const verifies = [];
  for (let i = 0; i < VERIFIES; i++) {
    const start = process.hrtime.bigint();
    await key.verify(token, Date.now());
    verifies.push(ms(start));
  }

  const result = {
    bench: 'account-server',
    webhookAnswerMedianMs: +median(answers).toFixed(2),
    webhookAnswerP99Ms: +percentile(answers, 0.99).toFixed(2),
    events: EVENTS,
    eventsPerSecondEndToEnd: Math.round(EVENTS / (drainMs / 1000)),
    duplicateDeliveries: 10,
    duplicateSubscriptionReads: duplicateReads,
    entitlementVerifyMedianMs: +median(verifies).toFixed(3),
    goalP99Ms: GOAL_P99_MS,
    met: percentile(answers, 0.99) <= GOAL_P99_MS && duplicateReads === 1,
  };
  console.log(`webhook answered: median ${result.webhookAnswerMedianMs} ms, p99 ${result.webhookAnswerP99Ms} ms (goal ≤ ${GOAL_P99_MS} ms)`);
  console.log(`${EVENTS} events delivered and processed (end to end) at ${result.eventsPerSecondEndToEnd}/s; 10 duplicates → ${duplicateReads} subscription read(s)`);
  console.log(`entitlement token verified offline: median ${result.entitlementVerifyMedianMs} ms`);
  console.log(JSON.stringify(result));
} finally {
  await server.close();
}
