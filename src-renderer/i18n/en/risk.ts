// English: the risk namespace. Keys are the source of truth: vi/risk.ts must have the same ones (typed).
export default {};
