// The account server's HTTP API (Fastify). Every route but the Stripe webhook, the public key and the page Stripe
// sends the browser back to needs an Auth0 access token; the webhook is authenticated by Stripe's signature instead.
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { CheckoutRequest, type AccountServerError, type EntitlementResponse, type RedirectResponse } from '../src-shared/billing';
import { AccessTokenError, type AccessTokenVerifier } from './access-tokens';
import { entitlementOf, type EntitlementSigner } from './entitlements';
import type { BillingRepository } from './repository';
import { StripeUnavailableError, type StripeGateway } from './stripe-gateway';
import { WebhookQueue } from './webhook-queue';

export interface AccountServerDeps {
  publicUrl: string;
  repository: BillingRepository;
  stripe: StripeGateway;
  signer: EntitlementSigner;
  accessTokens: AccessTokenVerifier;
  now?: () => number;
  log?: (line: string) => void;
  /** Fastify's request log (method, URL, status: never headers or bodies), to stdout or a given stream; off by default. */
  requestLog?: boolean | { write(line: string): void };
  retryDelayMs?: number;
}

export interface AccountServer {
  app: FastifyInstance;
  queue: WebhookQueue;
}

/** The JSON API takes small bodies only; a Stripe event is larger, but still bounded before it is parsed. */
const JSON_BODY_LIMIT = 16 * 1024;
const WEBHOOK_BODY_LIMIT = 512 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    subject?: string;
  }
}

function errorBody(code: string, message: string): AccountServerError {
  return { error: { code, message } };
}

function sendError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).type('application/json').send(errorBody(code, message));
}

export function buildAccountServer(deps: AccountServerDeps): AccountServer {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? ((line: string) => console.log(line));
  const { repository, stripe, signer } = deps;
  const queue = new WebhookQueue({ repository, stripe, now, log, ...(deps.retryDelayMs ? { retryDelayMs: deps.retryDelayMs } : {}) });
  const logger = typeof deps.requestLog === 'object' ? { stream: deps.requestLog } : (deps.requestLog ?? false);
  const app = Fastify({ logger, bodyLimit: JSON_BODY_LIMIT, return503OnClosing: true });
  const returnUrl = `${deps.publicUrl}/billing/return`;

  /** One customer creation per subject at a time in this process (the idempotency key covers the rest). */
  const creating = new Map<string, Promise<string>>();
  async function customerFor(subject: string): Promise<string> {
    const known = repository.customerOf(subject);
    if (known) return known;
    let pending = creating.get(subject);
    if (!pending) {
      pending = stripe
        .createCustomer(subject)
        .then((customerId) => repository.linkCustomer(subject, customerId, now()))
        .finally(() => creating.delete(subject));
      creating.set(subject, pending);
    }
    return pending;
  }

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error instanceof AccessTokenError) {
      if (error.reason === 'issuer-unreachable') return sendError(reply, 503, 'AUTH_UNAVAILABLE', error.message);
      reply.header('www-authenticate', `Bearer error="invalid_token", error_description="${error.reason}"`);
      return sendError(reply, 401, 'UNAUTHORIZED', error.message);
    }
    if (error instanceof StripeUnavailableError) return sendError(reply, 502, 'BILLING_UNAVAILABLE', error.message);
    if (error.statusCode === 413) return sendError(reply, 413, 'TOO_LARGE', 'the request body is too large');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return sendError(reply, error.statusCode, 'INVALID_REQUEST', error.message);
    log(`account server error: ${error.message}`);
    return sendError(reply, 500, 'INTERNAL', 'the account server failed; try again later');
  });
  app.setNotFoundHandler((_request, reply) => sendError(reply, 404, 'NOT_FOUND', 'no such endpoint'));

  app.get('/entitlement-key', async () => signer.publicKey);

  // Where Stripe sends the browser after a checkout or the portal: the app learns the result from the server itself.
  app.get('/billing/return', async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .send('<!doctype html><meta charset="utf-8"><title>Trade Bot Scratch</title><p>Done. You can close this tab and return to Trade Bot Scratch.</p>'),
  );

  app.register(async (webhook) => {
    webhook.removeAllContentTypeParsers();
    // The signature covers the exact bytes Stripe sent: keep them raw, never re-serialised JSON.
    webhook.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_request, body, done) => done(null, body));
    webhook.post('/stripe/webhook', async (request, reply) => {
      const signature = request.headers['stripe-signature'];
      if (typeof signature !== 'string' || !Buffer.isBuffer(request.body)) {
        return sendError(reply, 400, 'BAD_SIGNATURE', 'a Stripe webhook needs its Stripe-Signature header and a body');
      }
      let event;
      try {
        event = stripe.verifyEvent(request.body, signature, now());
      } catch (error) {
        return sendError(reply, 400, 'BAD_SIGNATURE', `the webhook did not verify: ${(error as Error).message}`);
      }
      const fresh = repository.recordEvent({ eventId: event.id, type: event.type, objectId: event.objectId, customerId: event.customerId, subscriptionId: event.subscriptionId }, now());
      // Answered before the work: Stripe wants a 2xx quickly, and the event is already safe in SQLite.
      if (fresh) queue.kick();
      return reply.code(200).send({ received: true, duplicate: !fresh });
    });
  });

  app.register(async (api) => {
    api.addHook('preHandler', async (request: FastifyRequest) => {
      request.subject = await deps.accessTokens.subjectOf(request.headers.authorization);
    });

    api.post('/billing/checkout', async (request, reply): Promise<RedirectResponse | FastifyReply> => {
      const body = CheckoutRequest.safeParse(request.body ?? {});
      if (!body.success) return sendError(reply, 400, 'INVALID_REQUEST', 'the body must be {"interval": "monthly" | "yearly"}');
      const customerId = await customerFor(request.subject!);
      // A second subscription would bill twice: changing or renewing a paid plan is the portal's job.
      if (entitlementOf(repository.subscriptionsOfCustomer(customerId)).plan === 'pro') {
        return sendError(reply, 409, 'ALREADY_SUBSCRIBED', 'this account already has Pro: manage it in the billing portal');
      }
      return { url: await stripe.createCheckoutSession(customerId, request.subject!, body.data.interval, returnUrl) };
    });

    api.post('/billing/portal', async (request): Promise<RedirectResponse> => {
      const customerId = await customerFor(request.subject!);
      return { url: await stripe.createPortalSession(customerId, returnUrl) };
    });

    api.get('/me/entitlements', async (request): Promise<EntitlementResponse> => {
      const customerId = repository.customerOf(request.subject!);
      const claims = entitlementOf(customerId ? repository.subscriptionsOfCustomer(customerId) : []);
      return { token: await signer.sign(request.subject!, claims, now()), claims };
    });
  });

  app.addHook('onClose', async () => {
    queue.close();
    await queue.idle();
  });
  // Events left pending by a previous run (Stripe was down, or the server stopped mid-way).
  app.addHook('onReady', async () => queue.kick());
  return { app, queue };
}
