// `npm run server`: the account server, configured by the environment (docs/account-server.md).
import { createAccessTokenVerifier } from './access-tokens';
import { buildAccountServer } from './app';
import { EntitlementSigner, SigningKeyError } from './entitlements';
import { BillingRepository } from './repository';
import { loadSettings, SettingsError } from './settings';
import { StripeGateway } from './stripe-gateway';

async function main(): Promise<void> {
  const settings = loadSettings(process.env);
  const signer = await EntitlementSigner.fromFile(settings.signingKeyFile, settings.publicUrl);
  const repository = new BillingRepository(settings.databaseFile);
  const { app } = buildAccountServer({
    publicUrl: settings.publicUrl,
    repository,
    stripe: new StripeGateway(settings.stripe),
    signer,
    accessTokens: createAccessTokenVerifier(settings.auth),
    requestLog: true,
  });
  const address = await app.listen({ host: settings.listen.host, port: settings.listen.port });
  console.log(`account server listening on ${address} (public address ${settings.publicUrl})`);
  const stop = () => void app.close().finally(() => repository.close());
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof SettingsError || error instanceof SigningKeyError) console.error(`account server: ${error.message}`);
  else console.error('account server failed to start:', error);
  process.exit(1);
});
