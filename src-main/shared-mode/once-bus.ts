// The bus a service gets when its effects must happen once across all processes (the notification service: one
// e-mail per alert, not one per process). Durable topics it subscribes to come from a consumer group shared by
// every process, one group per topic so that no member ever acknowledges an event meant for another subscription;
// everything else is the process's own bus.
import type { BusTopics, EventBus, Subscriber, Topic } from '../events';
import { isDurableTopic } from './envelope';
import type { SharedEventBus } from './shared-bus';

export function onceBus(shared: SharedEventBus, group: string, onError: (error: unknown) => void = () => undefined): EventBus {
  return {
    publish: <T extends Topic>(topic: T, payload: BusTopics[T]) => shared.publish(topic, payload),
    subscribe<T extends Topic>(topic: T, subscriber: Subscriber<T>): () => void {
      if (!isDurableTopic(topic)) return shared.subscribe(topic, subscriber);
      let active = true;
      shared
        .subscribeOnce(`${group}:${topic}`, [topic], async (event) => {
          if (active) await subscriber(event.payload as BusTopics[T]);
        })
        .catch(onError);
      return () => {
        active = false;
      };
    },
  };
}
