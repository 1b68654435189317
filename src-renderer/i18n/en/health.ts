// English: the health namespace. Keys are the source of truth: vi/health.ts must have the same ones (typed).
export default {};
