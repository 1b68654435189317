// An access token from the fake provider without the app's sign-in code: the device flow spoken over plain HTTP, the
// user approving at the provider's pages. For tests of servers that accept the tokens (the account server).
import type { RunningOpenIdProvider } from './index';
import { ProviderUserAgent } from './user-agent';

export async function issueAccessToken(provider: RunningOpenIdProvider, options: { audience?: string } = {}): Promise<string> {
  const form = (values: Record<string, string>) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(values).toString(),
  });
  const start = await fetch(
    `${provider.issuer}/device/auth`,
    form({ client_id: provider.clientId, scope: 'openid offline_access', audience: options.audience ?? provider.audience }),
  );
  if (!start.ok) throw new Error(`device authorization refused: ${await start.text()}`);
  const device = (await start.json()) as { device_code: string; user_code: string; verification_uri: string };
  await new ProviderUserAgent(provider.issuer).activateDevice(device.verification_uri, device.user_code, provider.users[0]!, 'accept');
  const token = await fetch(
    `${provider.issuer}/token`,
    form({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: device.device_code, client_id: provider.clientId }),
  );
  const body = (await token.json()) as { access_token?: string; error?: string };
  if (!body.access_token) throw new Error(`no access token: ${body.error ?? token.status}`);
  return body.access_token;
}
