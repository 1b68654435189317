// English: the accounts namespace. Keys are the source of truth: vi/accounts.ts must have the same ones (typed).
export default {};
