// English: the workspaceTabs namespace. Keys are the source of truth: vi/workspaceTabs.ts must have the same ones (typed).
export default {};
