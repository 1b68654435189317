// English: the alerts namespace. Keys are the source of truth: vi/alerts.ts must have the same ones (typed).
export default {};
