// English: the orderTicket namespace. Keys are the source of truth: vi/orderTicket.ts must have the same ones (typed).
export default {};
