// English: the chart namespace. Keys are the source of truth: vi/chart.ts must have the same ones (typed).
export default {};
