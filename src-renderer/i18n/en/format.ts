// English: the format namespace. Keys are the source of truth: vi/format.ts must have the same ones (typed).
export default {};
