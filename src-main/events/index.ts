export { InProcessEventBus, type EventBus, type FailureLogger, type Subscriber } from './event-bus';
export type { BusTopics, Topic } from './topics';
