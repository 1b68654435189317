// What travels on the Redis stream: one bus event with a unique id and the id of the process that made it. The
// payload is the bus topic's own payload; a consumer checks the topic against the ones it shares before using it.
import { randomUUID } from 'node:crypto';
import type { BusTopics } from '../events';

/** The bus topics shared through the durable stream (order, trade, balance, risk, kill switch, alert, payment). */
export const DURABLE_TOPICS = [
  'order.updated',
  'trade.executed',
  'balance.changed',
  'risk.limit.exceeded',
  'risk.limit.warning',
  'risk.kill-switch.changed',
  'alert.triggered',
  'payment.succeeded',
  'payment.failed',
  'subscription.cancelled',
  'notification.delivered',
] as const satisfies ReadonlyArray<keyof BusTopics>;

export type DurableTopic = (typeof DURABLE_TOPICS)[number];

/** Lossy, high-rate topics: Pub/Sub, never Streams (a missed tick is replaced by the next one). */
export const LOSSY_TOPICS = ['price.updated'] as const satisfies ReadonlyArray<keyof BusTopics>;
export type LossyTopic = (typeof LOSSY_TOPICS)[number];

const durable = new Set<string>(DURABLE_TOPICS);
export const isDurableTopic = (topic: string): topic is DurableTopic => durable.has(topic);

export interface Envelope {
  id: string;
  /** The process that made the event (its presence id). */
  origin: string;
  topic: DurableTopic;
  /** JSON text of the payload, as committed in the outbox. */
  payload: string;
  at: number;
}

export const newEventId = (): string => randomUUID();

/** Redis stream fields of an envelope: flat name/value pairs, as XADD takes them. */
export function envelopeFields(envelope: Envelope): string[] {
  return ['id', envelope.id, 'origin', envelope.origin, 'topic', envelope.topic, 'payload', envelope.payload, 'at', String(envelope.at)];
}

/** The envelope in a stream entry's fields, or undefined for an entry this build does not understand. */
export function envelopeOf(fields: readonly string[]): Envelope | undefined {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i]!, fields[i + 1]!);
  const id = map.get('id');
  const origin = map.get('origin');
  const topic = map.get('topic');
  const payload = map.get('payload');
  const at = Number(map.get('at'));
  if (!id || !origin || !topic || payload === undefined || !isDurableTopic(topic) || !Number.isFinite(at)) return undefined;
  return { id, origin, topic, payload, at };
}
