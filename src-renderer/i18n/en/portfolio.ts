// English: the portfolio namespace. Keys are the source of truth: vi/portfolio.ts must have the same ones (typed).
export default {};
