// English: the secrets namespace. Keys are the source of truth: vi/secrets.ts must have the same ones (typed).
export default {};
