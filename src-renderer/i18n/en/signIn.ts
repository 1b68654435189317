// English: the signIn namespace. Keys are the source of truth: vi/signIn.ts must have the same ones (typed).
export default {};
