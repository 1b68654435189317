// `npm run dev` under the CSP: Vite's dev server (the renderer config of electron.vite.config.ts, with its CSP
// plugin) serves the page to Chromium, which must run React's refresh preamble, load the modules, render, and open
// the HMR WebSocket without a single CSP refusal. Electron cannot run here, so the dev server also sends the policy as
// a response header, as the shell's session does (window.ts: the location's policy, the dev one for
// ELECTRON_RENDERER_URL) — that header covers the preamble, which Vite injects above index.html's meta tag. The same
// page under the production policy is refused: the dev policy is what makes it work, and only the dev server gets it.
import { resolve } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { createServer, type Plugin, type ViteDevServer } from 'vite';
import { contentSecurityPolicy } from '../electron.vite.config';
import { CONTENT_SECURITY_POLICY, devContentSecurityPolicy } from '../src-shared/csp';

const ROOT = resolve(__dirname, '../src-renderer');

/** The production policy written into the page even by the dev server: the negative control. */
function productionPolicyOnly(): Plugin {
  return { name: 'production-csp', transformIndexHtml: (html) => html.replace('%CONTENT_SECURITY_POLICY%', CONTENT_SECURITY_POLICY) };
}

/** Sends `policy(origin)` as the Content-Security-Policy header of every response, as Electron's session would. */
function policyHeader(policy: (origin: string) => string): Plugin {
  return {
    name: 'csp-header',
    configureServer(server) {
      server.middlewares.use((_request, response, next) => {
        response.setHeader('Content-Security-Policy', policy(new URL(server.resolvedUrls!.local[0]!).origin));
        next();
      });
    },
  };
}

async function devServer(plugins: Plugin[]): Promise<ViteDevServer> {
  const server = await createServer({
    configFile: false,
    root: ROOT,
    logLevel: 'silent',
    plugins: [react(), ...plugins],
    server: { host: 'localhost', port: 0, strictPort: false },
  });
  await server.listen();
  return server;
}

function watch(page: Page): { refusals: string[]; console: string[] } {
  const seen = { refusals: [] as string[], console: [] as string[] };
  page.on('console', (message) => {
    seen.console.push(message.text());
    if (/Content Security Policy|Refused to/i.test(message.text())) seen.refusals.push(message.text());
  });
  page.on('pageerror', (error) => seen.console.push(error.message));
  return seen;
}

test('the dev server\'s page runs under the dev CSP: modules, the React refresh preamble and HMR', async ({ page }) => {
  const server = await devServer([contentSecurityPolicy(), policyHeader(devContentSecurityPolicy)]);
  try {
    const url = server.resolvedUrls!.local[0]!;
    const seen = watch(page);
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    await page.goto(url);

    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(meta).toContain("script-src 'self' 'unsafe-inline'");
    expect(meta).toContain(`connect-src 'self' ws://${new URL(url).host}`);
    expect(meta).not.toContain('unsafe-eval');
    // React rendered the app (it waits for a host to connect to, but the page is there).
    await expect.poll(() => page.locator('#root > *').count()).toBeGreaterThan(0);
    await expect.poll(() => seen.console.some((line) => line.includes('[vite] connected'))).toBe(true);
    expect(sockets.some((socket) => socket.startsWith(`ws://${new URL(url).host}`))).toBe(true);
    expect(seen.refusals).toEqual([]);
  } finally {
    await server.close();
  }
});

test('the same page under the production CSP is refused by Chromium (the relaxation is needed, and dev-only)', async ({ page }) => {
  const server = await devServer([productionPolicyOnly(), policyHeader(() => CONTENT_SECURITY_POLICY)]);
  try {
    const seen = watch(page);
    await page.goto(server.resolvedUrls!.local[0]!);
    // The React refresh preamble (an inline script) is refused, and without it the app's modules do not start.
    await expect.poll(() => seen.refusals.some((line) => /inline script/i.test(line) && line.includes("script-src 'self'"))).toBe(true);
    expect(await page.locator('#root > *').count()).toBe(0);
  } finally {
    await server.close();
  }
});
