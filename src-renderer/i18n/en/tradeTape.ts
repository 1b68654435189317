// English: the tradeTape namespace. Keys are the source of truth: vi/tradeTape.ts must have the same ones (typed).
export default {};
