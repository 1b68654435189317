// The account server's HTTP API as the app calls it: the access token in, the answers parsed with the shared schemas,
// every failure an AppError that says what to do. Answers are bounded before they are parsed.
import { z } from 'zod';
import { AccountServerError, AppError, EntitlementResponse, RedirectResponse, type BillingInterval } from '../../src-shared';

const TIMEOUT_MS = 10_000;
const MAX_ANSWER_BYTES = 64 * 1024;

export class AccountServerClient {
  constructor(private readonly baseUrl: URL, private readonly fetchImpl: typeof fetch = fetch) {}

  entitlements(accessToken: string): Promise<EntitlementResponse> {
    return this.call('GET', '/me/entitlements', accessToken, undefined, EntitlementResponse);
  }

  checkout(accessToken: string, interval: BillingInterval): Promise<RedirectResponse> {
    return this.call('POST', '/billing/checkout', accessToken, { interval }, RedirectResponse);
  }

  portal(accessToken: string): Promise<RedirectResponse> {
    return this.call('POST', '/billing/portal', accessToken, {}, RedirectResponse);
  }

  private async call<T>(method: string, path: string, accessToken: string, body: unknown, schema: z.ZodType<T>): Promise<T> {
    const url = new URL(path.slice(1), this.baseUrl.href.endsWith('/') ? this.baseUrl : `${this.baseUrl.href}/`);
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method,
        headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'error',
      });
    } catch (error) {
      throw new AppError('VENUE_UNAVAILABLE', `the account server cannot be reached (${(error as Error).message}): try again later`, true, { cause: error });
    }
    const text = await response.text();
    if (text.length > MAX_ANSWER_BYTES) throw new AppError('VENUE_UNAVAILABLE', 'the account server answered too much', true);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new AppError('VENUE_UNAVAILABLE', `the account server answered ${response.status} without JSON`, true);
    }
    if (!response.ok) {
      const refusal = AccountServerError.safeParse(json);
      const said = refusal.success ? refusal.data.error.message : `status ${response.status}`;
      if (response.status === 401) throw new AppError('SIGN_IN_FAILED', `the account server refused the sign-in (${said}): sign in again`);
      if (response.status >= 500) throw new AppError('VENUE_UNAVAILABLE', `the account server failed: ${said}`, true);
      throw new AppError('INVALID_REQUEST', `the account server refused: ${said}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new AppError('VENUE_UNAVAILABLE', 'the account server answered in an unexpected shape', true);
    return parsed.data;
  }
}
