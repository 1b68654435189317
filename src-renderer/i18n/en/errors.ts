// English: the errors namespace. Keys are the source of truth: vi/errors.ts must have the same ones (typed).
export default {};
