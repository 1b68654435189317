// English: the notifications namespace. Keys are the source of truth: vi/notifications.ts must have the same ones (typed).
export default {};
