// The provider's own pages, plain and self-contained (no web fonts: the tests run offline): login, consent, the
// device flow's code entry and confirmation, and its success page. Labels are real <label>s so that Playwright finds
// the fields by role and name like a person would.
const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head>
<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

export function loginPage(uid: string, problem?: string): string {
  return page(
    'Log in to Trade Bot Scratch (test tenant)',
    `${problem ? `<p role="alert">${escape(problem)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
  <label>Email <input type="email" name="email" autocomplete="username" required></label>
  <label>Password <input type="password" name="password" autocomplete="current-password" required></label>
  <button type="submit">Continue</button>
</form>
<form method="post" action="/interaction/${escape(uid)}/abort"><button type="submit">Cancel</button></form>`,
  );
}

export function consentPage(uid: string, clientName: string, scopes: string[]): string {
  return page(
    'Authorize the app',
    `<p>${escape(clientName)} asks for: ${scopes.map(escape).join(', ')}</p>
<form method="post" action="/interaction/${escape(uid)}/consent"><button type="submit">Accept</button></form>
<form method="post" action="/interaction/${escape(uid)}/abort"><button type="submit">Decline</button></form>`,
  );
}

/** `form` is oidc-provider's own <form>: its anti-forgery field and the code's input ("Enter code"). */
export function deviceInputPage(form: string, problem: string | undefined): string {
  return page(
    'Activate a device',
    `${problem ? `<p role="alert">${escape(problem)}</p>` : '<p>Enter the code shown by the app.</p>'}
${form}
<button type="submit" form="op.deviceInputForm">Continue</button>`,
  );
}

export function deviceConfirmPage(form: string, userCode: string): string {
  return page(
    'Confirm the device',
    `<p>The app should show the code <code>${escape(userCode)}</code>.</p>
${form}
<button type="submit" form="op.deviceConfirmForm">Confirm</button>
<button type="submit" form="op.deviceConfirmForm" name="abort" value="yes">Deny</button>`,
  );
}

export function deviceSuccessPage(): string {
  return page('Device activated', '<p>You can close this page and return to the app.</p>');
}
