// Orders open now, as the bus reports them (`order.updated`): what the open-orders and position limits count.
import type { Order } from '../../src-shared';

const OPEN = new Set<Order['status']>(['pending', 'open', 'partially-filled', 'unknown']);

export class OpenOrderTracker {
  private readonly open = new Map<string, Order>();

  update(order: Order): void {
    if (OPEN.has(order.status)) this.open.set(order.clientOrderId, order);
    else this.open.delete(order.clientOrderId);
  }

  list(): Order[] {
    return [...this.open.values()];
  }
}
