// English: the plan namespace. Keys are the source of truth: vi/plan.ts must have the same ones (typed).
export default {};
