// English: the marketData namespace. Keys are the source of truth: vi/marketData.ts must have the same ones (typed).
export default {};
