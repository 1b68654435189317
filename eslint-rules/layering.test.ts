// Every line of the architecture's "may import" column, allowed and broken, on virtual files placed in the project.
// The files need not exist: the rule judges paths, so each case names where its code pretends to live.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import layering, { DOMAIN_IMPORTS } from './layering.mjs';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const root = path.resolve(import.meta.dirname, '..');
const options = [{ root }];
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });

function ok(file: string, code: string): RuleTester.ValidTestCase {
  return { name: `${file}: ${code}`, filename: path.join(root, file), code, options };
}

function bad(file: string, code: string, ...messageIds: string[]): RuleTester.InvalidTestCase {
  return {
    name: `${file}: ${code}`,
    filename: path.join(root, file),
    code,
    options,
    errors: messageIds.map((messageId) => ({ messageId })),
  };
}

const rule = layering.rules.imports;

describe('src-shared: zod and itself only', () => {
  tester.run('layering/imports', rule, {
    valid: [
      ok('src-shared/contract.ts', "import { z } from 'zod'; import { Candle } from './domain';"),
      ok('src-shared/index.ts', "export * from './errors';"),
      // Tests run in Node under vitest: packages and builtins are fine, the layers are not (see below).
      ok('src-shared/contract.test.ts', "import { it } from 'vitest'; import path from 'node:path';"),
    ],
    invalid: [
      bad('src-shared/clock.ts', "import { readFileSync } from 'node:fs';", 'sharedBuiltin'),
      bad('src-shared/clock.ts', "import { readFileSync } from 'fs';", 'sharedBuiltin'),
      bad('src-shared/clock.ts', "import { ipcRenderer } from 'electron';", 'electron'),
      bad('src-shared/format.ts', "import { useState } from 'react';", 'sharedPackage'),
      bad('src-shared/contract.ts', "import type { Core } from '../src-main/core';", 'sharedFile'),
      bad('src-shared/contract.ts', "export { api } from '../src-renderer/api/client';", 'sharedFile'),
      bad('src-shared/contract.test.ts', "import { createCore } from '../src-main/core';", 'sharedFile'),
    ],
  });
});

describe('src-main/<domain>: other domains through index.ts, never upwards, never electron', () => {
  tester.run('layering/imports', rule, {
    valid: [
      ok('src-main/trading/orders.ts', "import { AppError } from '../../src-shared'; import { Risk } from './risk';"),
      ok('src-main/trading/orders.ts', "import { SettingsRepository } from '../storage';"),
      ok('src-main/trading/orders.ts', "import { openDatabase } from '../storage/index';"),
      ok('src-main/trading/orders.ts', "import type { SqliteDatabase } from '../storage/index.ts';"),
      ok('src-main/trading/orders.ts', "import { randomUUID } from 'node:crypto'; import { z } from 'zod';"),
      ok('src-main/portfolio/portfolio-service.ts', "import type { EventBus } from '../events'; import type { SettingsRepository } from '../storage';"),
      ok('src-main/trading/risk/limits.ts', "import { x } from '../orders'; import { y } from '../../events';"),
      // A test may use another domain's test helpers, and any vendor package to start fake peers.
      ok('src-main/trading/orders.test.ts', "import { ManualClock } from '../resilience/testing/manual-clock';"),
      ok('src-main/trading/orders.test.ts', "import { harness } from './testing/harness';"),
      ok('src-main/trading/testing/harness.ts', "import { useTempDatabases } from '../../storage/testing/temp-databases';"),
      ok('src-main/trading/orders.test.ts', "import { WebSocketServer } from 'ws';"),
    ],
    invalid: [
      bad('src-main/trading/journal.ts', "import { openDatabase } from '../storage/database';", 'domainInternal'),
      bad('src-main/trading/journal.ts', "import type { Migration } from '../storage/migrations';", 'domainInternal'),
      bad('src-main/trading/journal.ts', "export * from '../storage/database';", 'domainInternal'),
      bad('src-main/trading/journal.ts', "const m = await import('../storage/database');", 'domainInternal'),
      bad('src-main/trading/journal.ts', "type M = typeof import('../storage/database');", 'domainInternal'),
      bad('src-main/trading/journal.ts', "import { ManualClock } from '../resilience/testing/manual-clock';", 'domainInternal'),
      bad('src-main/trading/journal.ts', "import { Notification } from 'electron';", 'electron'),
      bad('src-main/trading/journal.test.ts', "import { app } from 'electron';", 'electron'),
      bad('src-main/trading/journal.ts', "import { createDispatcher } from '../api';", 'domainUpward'),
      bad('src-main/trading/journal.ts', "import { createWindow } from '../shell/windows';", 'domainUpward'),
      bad('src-main/trading/journal.ts', "import { startHost } from '../host/server';", 'domainUpward'),
      bad('src-main/trading/journal.ts', "import { createCore } from '../core';", 'domainUpward'),
      bad('src-main/trading/journal.ts', "import { Chart } from '../../src-renderer/features/chart';", 'mainToRenderer'),
      bad('src-main/trading/journal.test.ts', "import { Chart } from '../../src-renderer/chart';", 'mainToRenderer'),
      bad('src-main/trading/journal.ts', "import { fake } from '../../e2e/fakes/binance';", 'mainToOther'),
      bad('src-main/trading/journal.ts', "import { FakeBinance } from '../../fakes/binance';", 'shippedToFake'),
      bad('src-main/trading/testing-helpers.ts', "import { FakeBinance } from '../../fakes/binance';", 'shippedToFake'),
      {
        // The message names the specifier to write instead.
        ...bad('src-main/trading/risk/limits.ts', "import { openDatabase } from '../../storage/database';"),
        errors: [
          {
            messageId: 'domainInternal',
            data: { from: 'src-main/trading', domain: 'storage', spec: '../../storage/database', suggestion: '../../storage' },
          },
        ],
      },
    ],
  });
});

describe('src-main/<domain>: only the domains the table lists', () => {
  tester.run('layering/imports', rule, {
    valid: [
      ok('src-main/alerts/price-watch.ts', "import { TickerStreams } from '../streaming';"),
      ok('src-main/resilience/pipeline.ts', "import type { ExchangeOperation } from '../exchanges';"),
      ok('src-main/accounts/account-records.ts', "import type { SecretStore } from '../secrets/index';"),
      // Tests wire domains together as core.ts does: the table judges shipped code.
      ok('src-main/risk/kill-switch.test.ts', "import { OrderService } from '../trading';"),
      ok('src-main/exchanges/testing/harness.ts', "import { ResilienceRegistry } from '../../resilience';"),
    ],
    invalid: [
      {
        // The cycle the table closed: a venue file needing the rate budget's types.
        ...bad('src-main/exchanges/ccxt/binance.ts', "import type { RateLimitSpec } from '../../resilience';"),
        errors: [{ messageId: 'domainNotInTable', data: { from: 'exchanges', target: 'resilience', allowed: 'src-main/secrets, src-main/storage' } }],
      },
      {
        ...bad('src-main/storage/settings.ts', "import { InProcessEventBus } from '../events';"),
        errors: [{ messageId: 'domainNotInTable', data: { from: 'storage', target: 'events', allowed: 'no other domain' } }],
      },
      bad('src-main/trading/order-service.ts', "import { RiskService } from '../risk';", 'domainNotInTable'),
      bad('src-main/resilience/registry.ts', "export { VenueLinks } from '../streaming/index';", 'domainNotInTable'),
      bad('src-main/streaming/candles.ts', "type A = typeof import('../accounts');", 'domainNotInTable'),
      // Outside the table and past the public entry: the table speaks first.
      bad('src-main/exchanges/factory.ts', "import { RateBudget } from '../resilience/rate-budget';", 'domainNotInTable'),
      bad('src-main/billing/plans.ts', "import { KeytarSecretStore } from '../secrets';", 'domainNotInTable'),
      // The plan is told about orders (core.ts wires the check), never the other way round.
      bad('src-main/billing/plan-gate.ts', "import { OrderService } from '../trading';", 'domainNotInTable'),
      bad('src-main/strategies/runner.ts', "import { OrderService } from '../trading';", 'domainUnlisted'),
      // The portfolio reads fills through a port: the order journal is the trading domain's.
      bad('src-main/portfolio/portfolio-service.ts', "import { OrderJournal } from '../trading';", 'domainNotInTable'),
    ],
  });

  it('is acyclic, so no import cycle can form between domains', () => {
    const done = new Set<string>();
    const trail: string[] = [];
    const visit = (domain: string): void => {
      if (trail.includes(domain)) throw new Error(`cycle in DOMAIN_IMPORTS: ${[...trail, domain].join(' → ')}`);
      if (done.has(domain)) return;
      trail.push(domain);
      for (const target of DOMAIN_IMPORTS[domain] ?? []) visit(target);
      trail.pop();
      done.add(domain);
    };
    for (const domain of Object.keys(DOMAIN_IMPORTS)) visit(domain);
    expect(done.size).toBe(Object.keys(DOMAIN_IMPORTS).length);
  });

  it('lists every domain folder of src-main, and names only listed domains', () => {
    const folders = readdirSync(path.join(root, 'src-main'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !['api', 'shell', 'host'].includes(entry.name))
      .map((entry) => entry.name);
    expect(Object.keys(DOMAIN_IMPORTS).sort()).toEqual(folders.sort());
    const named = Object.values(DOMAIN_IMPORTS).flat();
    expect(named.filter((domain) => !Object.hasOwn(DOMAIN_IMPORTS, domain))).toEqual([]);
  });
});

describe('vendor SDKs stay in the folder that adapts them', () => {
  tester.run('layering/imports', rule, {
    valid: [
      ok('src-main/exchanges/binance.ts', "import ccxt from 'ccxt';"),
      ok('src-main/exchanges/ccxt/live-source.ts', "import type { Exchange } from 'ccxt';"),
      ok('src-main/storage/database.ts', "import Database from 'better-sqlite3';"),
      ok('src-main/secrets/keychain.ts', "import keytar from 'keytar';"),
      ok('src-main/notifications/email.ts', "import nodemailer from 'nodemailer';"),
      ok('src-main/shell/desktop.ts', "import { app } from 'electron';"),
      ok('src-main/host/server.ts', "import { WebSocketServer } from 'ws';"),
      ok('src-main/auth/service.ts', "import * as oidc from 'openid-client';"),
      ok('src-main/auth/token-checks.ts', "import { jwtVerify } from 'jose';"),
      ok('src-main/billing/entitlement.ts', "import { jwtVerify } from 'jose'; import * as oidc from 'openid-client';"),
      ok('fakes/openid-provider/index.ts', "import { exportJWK } from 'jose';"),
      ok('src-main/shared-mode/redis-link.ts', "import { createClient } from 'redis';"),
      // Test support is exempt from the vendor rule, wherever it lives.
      ok('src-main/trading/testing/harness.ts', "import { WebSocketServer } from 'ws';"),
      ok('src-main/notifications/email.test.ts', "import Database from 'better-sqlite3';"),
      ok('e2e/orders.spec.ts', "import { WebSocketServer } from 'ws'; import ccxt from 'ccxt';"),
      // Fake peers live in the top-level fakes/: tests and test support use them, and they may use the app's code.
      ok('src-main/trading/journal.test.ts', "import { FakeBinance } from '../../fakes/binance';"),
      ok('src-main/trading/testing/harness.ts', "import { FakeBinance } from '../../../fakes/binance';"),
      ok('fakes/binance/server.ts', "import ccxt from 'ccxt'; import { Order } from '../../src-shared';"),
    ],
    invalid: [
      bad('src-main/trading/orders.ts', "import ccxt from 'ccxt';", 'vendor'),
      bad('src-main/trading/orders.ts', "import binance from 'ccxt/js/src/pro/binance.js';", 'vendor'),
      bad('src-main/trading/journal.ts', "const Database = require('better-sqlite3');", 'vendor'),
      bad('src-main/trading/journal.ts', "import Database = require('better-sqlite3');", 'vendor'),
      bad('src-main/storage/keys.ts', "import keytar from 'keytar';", 'vendor'),
      bad('src-main/alerts/email.ts', "import nodemailer from 'nodemailer';", 'vendor'),
      bad('src-main/streaming/push.ts', "import { WebSocket } from 'ws';", 'vendor'),
      // All ccxt code lives in exchanges/ccxt: the streams above it see only the exchanges port.
      bad('src-main/streaming/watch.ts', "import { pro } from 'ccxt';", 'vendor'),
      bad('src-main/streaming/convert.ts', "import type { OHLCV } from 'ccxt';", 'vendor'),
      bad('src-main/api/orders.ts', "import type { Exchange } from 'ccxt';", 'vendor'),
      bad('src-main/shell/server.ts', "import { WebSocketServer } from 'ws';", 'vendor'),
      bad('src-main/accounts/login.ts', "import * as oidc from 'openid-client';", 'vendor'),
      bad('src-main/api/auth-handlers.ts', "import { discovery } from 'openid-client';", 'vendor'),
      bad('src-main/host/sign-in.ts', "import { jwtVerify } from 'jose';", 'vendor'),
      bad('src-main/core.ts', "import { decodeJwt } from 'jose';", 'vendor'),
      bad('src-main/events/redis-bus.ts', "import { createClient } from 'redis';", 'vendor'),
      bad('src-main/host/options.ts', "import { createClient } from 'redis';", 'vendor'),
    ],
  });
});

describe('src-server: the account server, a deployable of its own', () => {
  tester.run('layering/imports', rule, {
    valid: [
      ok('src-server/app.ts', "import Fastify from 'fastify'; import { CheckoutRequest } from '../src-shared/billing';"),
      ok('src-server/stripe-gateway.ts', "import Stripe from 'stripe'; import { createHash } from 'node:crypto';"),
      ok('src-server/repository.ts', "import Database from 'better-sqlite3'; import { z } from 'zod';"),
      ok('src-server/entitlements.ts', "import { SignJWT } from 'jose'; import type { StoredSubscription } from './repository';"),
      ok('src-server/billing.test.ts', "import { startFakeStripe } from '../fakes/stripe'; import { harness } from './testing/harness';"),
      ok('src-server/testing/harness.ts', "import { startOpenIdProvider } from '../../fakes/openid-provider';"),
      // The real server wired to the fake peers lives with them, so the app's tests can run against it.
      ok('fakes/account-server/index.ts', "import { buildAccountServer } from '../../src-server/app';"),
      ok('src-main/billing/billing-service.test.ts', "import { startAccountServer } from '../../fakes/account-server';"),
      // The e2e specs and scripts drive the server from outside, as a process or a module.
      ok('scripts/server.mjs', "import { buildAccountServer } from '../src-server/app';"),
      ok('e2e/plan.spec.ts', "import { buildAccountServer } from '../src-server/app';"),
    ],
    invalid: [
      bad('src-server/app.ts', "import { AuthService } from '../src-main/auth';", 'serverOther'),
      bad('src-server/app.ts', "import { createCore } from '../src-main/core';", 'serverOther'),
      bad('src-server/app.test.ts', "import { openDatabase } from '../src-main/storage';", 'serverOther'),
      bad('src-server/app.ts', "import { App } from '../src-renderer/app';", 'serverOther'),
      bad('src-server/app.ts', "import { startFakeStripe } from '../fakes/stripe';", 'shippedToFake'),
      bad('src-server/app.ts', "import { harness } from './testing/harness';", 'shippedToTesting'),
      bad('src-server/app.ts', "import ccxt from 'ccxt';", 'vendor'),
      bad('src-server/app.ts', "import { vi } from 'vitest';", 'shippedTestFramework'),
      bad('src-server/fake-stripe.ts', 'export const x = 1;', 'shippedFake'),
      // Nothing imports the account server: the app talks to it over HTTPS.
      bad('src-main/billing/entitlement.ts', "import { entitlementOf } from '../../src-server/entitlements';", 'importsServer'),
      bad('src-main/core.ts', "import { buildAccountServer } from '../src-server/app';", 'importsServer'),
      bad('src-main/billing/plan.test.ts', "import { startHarness } from '../../src-server/testing/harness';", 'importsServer'),
      bad('src-renderer/features/plan/plan.tsx', "import type { EntitlementSigner } from '../../../src-server/entitlements';", 'importsServer'),
      bad('src-shared/billing.ts', "import type { StoredSubscription } from '../src-server/repository';", 'importsServer'),
      // Stripe and Fastify only in the account server: the secret key never ships inside the desktop app.
      bad('src-main/billing/checkout.ts', "import Stripe from 'stripe';", 'vendor'),
      bad('src-main/api/billing.ts', "import Fastify from 'fastify';", 'vendor'),
      bad('src-main/host/server.ts', "import Fastify from 'fastify';", 'vendor'),
      bad('src-renderer/features/plan/plan.tsx', "import Stripe from 'stripe';", 'rendererPackage'),
      bad('src-shared/billing.ts', "import Stripe from 'stripe';", 'sharedPackage'),
      {
        ...bad('src-main/storage/billing.ts', "import Stripe from 'stripe';"),
        errors: [{ messageId: 'vendor', data: { target: 'stripe', allowed: 'src-server', from: 'src-main/storage' } }],
      },
    ],
  });
});

describe('src-main/api: src-shared, domains through index.ts, itself', () => {
  tester.run('layering/imports', rule, {
    valid: [
      ok('src-main/api/orders.ts', "import { contract } from '../../src-shared'; import { Orders } from '../trading';"),
      ok('src-main/api/orders.ts', "import { createDispatcher } from './dispatcher'; import { z } from 'zod';"),
    ],
    invalid: [
      bad('src-main/api/orders.ts', "import { ipcMain } from 'electron';", 'electron'),
      bad('src-main/api/orders.ts', "import { registerIpc } from '../shell/ipc';", 'apiUpward'),
      bad('src-main/api/orders.ts', "import { startHost } from '../host/server';", 'apiUpward'),
      bad('src-main/api/orders.ts', "import { createCore } from '../core';", 'apiUpward'),
      bad('src-main/api/orders.ts', "import { checkRisk } from '../trading/risk';", 'domainInternal'),
      bad('src-main/api/orders.ts', "import { OrderTicket } from '../../src-renderer/features/order-ticket';", 'mainToRenderer'),
    ],
  });
});

describe('src-main/shell and src-main/host: their transport, api/, core.ts', () => {
  tester.run('layering/imports', rule, {
    valid: [
      ok('src-main/shell/desktop.ts', "import { BrowserWindow } from 'electron'; import { createCore } from '../core';"),
      ok('src-main/shell/ipc.ts', "import type { Dispatcher } from '../api'; import { isChannel } from '../../src-shared';"),
      ok('src-main/shell/desktop.ts', "import { join } from 'node:path'; import { registerIpc } from './ipc';"),
      ok('src-main/host/server.ts', "import { WebSocketServer } from 'ws'; import { createServer } from 'node:http';"),
      ok('src-main/host/main.ts', "import { createCore } from '../core'; import { createDispatcher } from '../api/dispatcher';"),
      ok('src-main/host/server.ts', "import { WIRE_PROTOCOL } from '../../src-shared/wire';"),
    ],
    invalid: [
      bad('src-main/shell/desktop.ts', "import { startHost } from '../host/server';", 'transportCross'),
      bad('src-main/shell/desktop.ts', "import { App } from '../../src-renderer/app';", 'mainToRenderer'),
      bad('src-main/shell/desktop.ts', "import { openDatabase } from '../storage/database';", 'domainInternal'),
      bad('src-main/host/main.ts', "import { app } from 'electron';", 'electron'),
      bad('src-main/host/main.ts', "import { registerIpc } from '../shell/ipc';", 'transportCross'),
      bad('src-main/host/main.ts', "import { App } from '../../src-renderer/app';", 'mainToRenderer'),
      bad('src-main/host/main.ts', "import { CandleStreams } from '../streaming/candle-streams';", 'domainInternal'),
    ],
  });
});

describe('src-main/core.ts: the composition root', () => {
  tester.run('layering/imports', rule, {
    valid: [
      ok('src-main/core.ts', "import { openDatabase } from './storage'; import { Orders } from './trading/index';"),
      ok('src-main/core.ts', "import { createDispatcher } from './api'; import { z } from 'zod';"),
      ok('src-main/core.ts', "import packageJson from '../package.json';"),
    ],
    invalid: [
      bad('src-main/core.ts', "import { openDatabase } from './storage/database';", 'domainInternal'),
      bad('src-main/core.ts', "import { createWindow } from './shell/windows';", 'rootToTransport'),
      bad('src-main/core.ts', "import { startHost } from './host/server';", 'rootToTransport'),
      bad('src-main/core.ts', "import { app } from 'electron';", 'electron'),
    ],
  });
});

describe('src-renderer: src-shared, itself and browser packages', () => {
  tester.run('layering/imports', rule, {
    valid: [
      ok('src-renderer/features/chart/chart.tsx', "import { Candle } from '../../../src-shared'; import { api } from '../../api/client';"),
      ok('src-renderer/features/chart/chart.tsx', "import { createChart } from 'lightweight-charts'; import { create } from 'zustand';"),
      ok('src-renderer/main.tsx', "import { createRoot } from 'react-dom/client'; import './styles.css';"),
      ok('src-renderer/api/ws-client.test.ts', "import { WebSocketServer } from 'ws'; import { it } from 'vitest';"),
    ],
    invalid: [
      bad('src-renderer/features/x.ts', "import { createCore } from '../../src-main/core';", 'rendererMain'),
      bad('src-renderer/features/x.ts', "import type { Handlers } from '../../src-main/api/dispatcher';", 'rendererMain'),
      bad('src-renderer/features/x.test.ts', "import { createCore } from '../../src-main/core';", 'rendererMain'),
      bad('src-renderer/features/x.ts', "import { readFile } from 'node:fs/promises';", 'rendererBuiltin'),
      bad('src-renderer/features/x.ts', "import path from 'path';", 'rendererBuiltin'),
      bad('src-renderer/features/x.ts', "import { ipcRenderer } from 'electron';", 'electron'),
      bad('src-renderer/features/x.ts', "import WebSocket from 'ws';", 'rendererPackage'),
      bad('src-renderer/features/x.ts', "import Database from 'better-sqlite3';", 'rendererPackage'),
      bad('src-renderer/features/x.ts', "import keytar from 'keytar';", 'rendererPackage'),
      bad('src-renderer/features/x.ts', "import ccxt from 'ccxt';", 'rendererPackage'),
      bad('src-renderer/features/x.ts', "import nodemailer from 'nodemailer';", 'rendererPackage'),
      bad('src-renderer/features/x.ts', "import * as oidc from 'openid-client';", 'rendererPackage'),
      bad('src-renderer/features/x.ts', "import { decodeJwt } from 'jose';", 'rendererPackage'),
      bad('src-shared/x.ts', "import { decodeJwt } from 'jose';", 'sharedPackage'),
      bad('src-renderer/features/x.ts', "import { fixture } from '../../e2e/fixtures';", 'rendererOther'),
    ],
  });
});

describe('nothing that ships is a fake, a test helper or a test framework', () => {
  tester.run('layering/imports', rule, {
    valid: [
      ok('src-main/trading/orders.test.ts', "import { describe, it, vi } from 'vitest';"),
      ok('src-main/storage/testing/temp-databases.ts', "import { afterEach } from 'vitest';"),
      ok('src-renderer/testing/fixtures.ts', "import { vi } from 'vitest';"),
      ok('src-shared/testing/refusal.ts', "import { expect } from 'vitest';"),
      ok('e2e/orders.spec.ts', "import { test } from '@playwright/test';"),
      ok('fakes/electron/index.ts', "import { vi } from 'vitest';"),
      ok('src-main/accounts/testing/fake-exchange.ts', "export const x = 1;"),
      ok('src-main/streaming/testing/ccxt-fakes.ts', "export const x = 1;"),
      ok('src-main/streaming/fakeout-guard.ts', "export const x = 1;"),
    ],
    invalid: [
      bad('src-main/trading/journal.ts', "import { vi } from 'vitest';", 'shippedTestFramework'),
      bad('src-main/shell/window.ts', "import type { Mock } from 'vitest';", 'shippedTestFramework'),
      bad('src-renderer/features/x.ts', "import { expect } from '@playwright/test';", 'shippedTestFramework'),
      bad('src-shared/format.ts', "import { expect } from 'vitest';", 'shippedTestFramework'),
      bad('src-main/trading/journal.ts', "import { harness } from './testing/harness';", 'shippedToTesting'),
      bad('src-main/trading/journal.ts', "import { cases } from './journal.test';", 'shippedToTesting'),
      bad('src-renderer/features/orders/list.tsx', "import { order } from '../../testing/fixtures';", 'shippedToTesting'),
      bad('src-shared/format.ts', "import { refusal } from './testing/refusal';", 'shippedToTesting'),
      bad('src-main/shell/fake-electron.ts', "export const x = 1;", 'shippedFake'),
      bad('src-main/streaming/ccxt-fakes.ts', "export const x = 1;", 'shippedFake'),
      bad('src-renderer/features/orders/fake-bridge.ts', "export const x = 1;", 'shippedFake'),
    ],
  });
});

describe('outside the layers', () => {
  tester.run('layering/imports', rule, {
    valid: [
      ok('scripts/start.ts', "import { spawn } from 'node:child_process'; import { createCore } from '../src-main/core';"),
      ok('e2e/chart.spec.ts', "import { test } from '@playwright/test'; import { contract } from '../src-shared';"),
      ok('src-main/trading/orders.ts', 'const name = "x"; const m = await import(name);'),
    ],
    invalid: [],
  });
});
