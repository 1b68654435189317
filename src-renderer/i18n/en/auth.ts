// English: the auth namespace. Keys are the source of truth: vi/auth.ts must have the same ones (typed).
export default {
  title: 'Not authorized',
  missing: 'This page’s access token is missing, wrong, or from an earlier start of the host.',
  openBefore: 'Open the address the host printed when it started: it ends in ',
  openAfter: '.',
  tokenSuffix: '#token=…',
};
