// A person at the provider's pages, for tests without a browser: follows redirects with a cookie jar, logs in,
// accepts or declines, enters a device's user code, and stops where the provider sends the browser back to the app.
// It knows the fake's pages (pages.ts), not HTML in general.
import type { FakeUser } from './index';

export type Decision = 'accept' | 'decline';

class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

interface Step {
  url: string;
  status: number;
  html: string;
}

export class ProviderUserAgent {
  private readonly jar = new CookieJar();

  constructor(private readonly issuer: string) {}

  /** Requests `url` and follows redirects inside the provider; a redirect elsewhere (the app) is returned unfollowed. */
  private async go(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Step | { leftFor: string }> {
    let next = url;
    let method = init.method ?? 'GET';
    let body: string | undefined = init.form ? new URLSearchParams(init.form).toString() : undefined;
    for (let hops = 0; hops < 20; hops += 1) {
      if (!next.startsWith(this.issuer)) return { leftFor: next };
      const response = await fetch(next, {
        method,
        redirect: 'manual',
        headers: { cookie: this.jar.header(), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        ...(body ? { body } : {}),
      });
      this.jar.store(response);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        next = new URL(location, next).toString();
        method = 'GET';
        body = undefined;
        continue;
      }
      return { url: next, status: response.status, html: await response.text() };
    }
    throw new Error('too many redirects at the provider');
  }

  private static page(step: Step | { leftFor: string }, what: string): Step {
    if ('leftFor' in step) throw new Error(`expected ${what}, but the provider sent the browser to ${step.leftFor}`);
    return step;
  }

  private async loginAndConsent(start: Step, user: FakeUser, decision: Decision): Promise<Step | { leftFor: string }> {
    let step: Step | { leftFor: string } = start;
    for (let pages = 0; pages < 4 && !('leftFor' in step); pages += 1) {
      const action = /action="(\/interaction\/[\w-]+)\/(login|consent)"/.exec(step.html);
      if (!action) return step;
      if (action[2] === 'login') step = await this.go(`${this.issuer}${action[1]}/login`, { method: 'POST', form: { email: user.email, password: user.password } });
      else step = await this.go(`${this.issuer}${action[1]}/${decision === 'accept' ? 'consent' : 'abort'}`, { method: 'POST', form: {} });
    }
    return step;
  }

  /** Opens the authorize URL, logs in and decides; returns where the provider sends the browser back (the callback). */
  async authorize(authorizeUrl: string, user: FakeUser, decision: Decision = 'accept'): Promise<string> {
    const start = ProviderUserAgent.page(await this.go(authorizeUrl), 'the login page');
    const end = await this.loginAndConsent(start, user, decision);
    if (!('leftFor' in end)) throw new Error(`the provider did not send the browser back:\n${end.html.slice(0, 500)}`);
    return end.leftFor;
  }

  /** Enters a device's user code at the verification page, confirms (or denies), logs in and decides. */
  async activateDevice(verificationUri: string, userCode: string, user: FakeUser, decision: Decision = 'accept'): Promise<string> {
    const input = ProviderUserAgent.page(await this.go(verificationUri), 'the code entry page');
    const xsrf = (html: string) => /name="xsrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const confirm = ProviderUserAgent.page(
      await this.go(verificationUri, { method: 'POST', form: { xsrf: xsrf(input.html), user_code: userCode } }),
      'the confirmation page',
    );
    const confirmForm: Record<string, string> = { xsrf: xsrf(confirm.html), confirm: 'yes' };
    if (decision === 'decline') {
      delete confirmForm.confirm;
      confirmForm.abort = 'yes';
    }
    const action = /<form[^>]*action="([^"]+)"[^>]*id="op.deviceConfirmForm"|<form[^>]*id="op.deviceConfirmForm"[^>]*action="([^"]+)"/.exec(confirm.html);
    const target = new URL(action?.[1] ?? action?.[2] ?? verificationUri, this.issuer).toString();
    let hidden: RegExpExecArray | null;
    const hiddenInput = /<input type="hidden" name="([^"]+)" value="([^"]*)"/g;
    while ((hidden = hiddenInput.exec(confirm.html))) confirmForm[hidden[1]!] ??= hidden[2]!;
    const after = await this.go(target, { method: 'POST', form: confirmForm });
    const end = decision === 'decline' ? after : await this.loginAndConsent(ProviderUserAgent.page(after, 'the login page'), user, decision);
    if ('leftFor' in end) return end.leftFor;
    return end.html;
  }
}
