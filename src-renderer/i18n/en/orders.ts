// English: the orders namespace. Keys are the source of truth: vi/orders.ts must have the same ones (typed).
export default {};
