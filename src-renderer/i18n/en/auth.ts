// English: the auth namespace. Keys are the source of truth: vi/auth.ts must have the same ones (typed).
export default {};
