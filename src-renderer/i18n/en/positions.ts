// English: the positions namespace. Keys are the source of truth: vi/positions.ts must have the same ones (typed).
export default {};
