// What the order-path benchmark measures: the order service with its SQLite journal, as the app builds them.
export { openDatabase } from '../../src-main/storage';
export { OrderJournal, OrderService } from '../../src-main/trading';
export { InProcessEventBus } from '../../src-main/events';
