// A typed publish/subscribe bus. The interface is what services depend on; the in-process implementation is the
// default, and one backed by Redis can implement the same interface when several processes must share events.
import type { BusTopics, Topic } from './topics';

/** A returned promise is not awaited; its rejection is logged like a throw. */
export type Subscriber<T extends Topic> = (payload: BusTopics[T]) => unknown;

export interface EventBus {
  publish<T extends Topic>(topic: T, payload: BusTopics[T]): void;
  /** Returns the function that unsubscribes; calling it twice is harmless. */
  subscribe<T extends Topic>(topic: T, subscriber: Subscriber<T>): () => void;
}

export type FailureLogger = (topic: Topic, error: unknown) => void;

const logToConsole: FailureLogger = (topic, error) => console.error(`event bus: a subscriber of ${topic} failed`, error);

export class InProcessEventBus implements EventBus {
  // Arrays replaced on every change (copy on write): publishing iterates a snapshot without copying it, and a
  // subscriber that unsubscribes during a publish does not disturb that publish.
  private readonly subscribers = new Map<Topic, ReadonlyArray<Subscriber<Topic>>>();

  constructor(private readonly onFailure: FailureLogger = logToConsole) {}

  publish<T extends Topic>(topic: T, payload: BusTopics[T]): void {
    const list = this.subscribers.get(topic);
    if (list === undefined) return;
    for (let i = 0; i < list.length; i++) {
      try {
        const result: unknown = (list[i] as Subscriber<T>)(payload);
        // An async subscriber runs on its own: the publisher and the others never wait for it.
        if (result instanceof Promise) result.catch((error: unknown) => this.onFailure(topic, error));
      } catch (error) {
        this.onFailure(topic, error);
      }
    }
  }

  subscribe<T extends Topic>(topic: T, subscriber: Subscriber<T>): () => void {
    const entry = subscriber as Subscriber<Topic>;
    this.subscribers.set(topic, [...(this.subscribers.get(topic) ?? []), entry]);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      const remaining = (this.subscribers.get(topic) ?? []).filter((each) => each !== entry);
      if (remaining.length === 0) this.subscribers.delete(topic);
      else this.subscribers.set(topic, remaining);
    };
  }

  subscriberCount(topic: Topic): number {
    return this.subscribers.get(topic)?.length ?? 0;
  }
}
