import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY, devContentSecurityPolicy } from './src-shared/csp';

/**
 * Writes the one CSP of src-shared into the renderer's index.html, so the page and the servers never disagree. A
 * build always gets the production policy; only pages served by the dev server (`npm run dev`) get its dev policy,
 * for the dev server's own origin.
 */
export function contentSecurityPolicy(): Plugin {
  return {
    name: 'tbs-content-security-policy',
    transformIndexHtml: (html, context) => {
      if (!context.server) return html.replace('%CONTENT_SECURITY_POLICY%', CONTENT_SECURITY_POLICY);
      const origin = context.server.resolvedUrls?.local[0] ?? `http://localhost:${context.server.config.server.port}`;
      const policy = devContentSecurityPolicy(new URL(origin).origin);
      return html.replace('%CONTENT_SECURITY_POLICY%', policy);
    },
  };
}

export default defineConfig({
  main: {
    resolve: {
      // ccxt loads on first use in the app, not at start (see src-main/exchanges/ccxt/ccxt-lib.ts).
      alias: [{ find: /^\.{1,2}\/(?:ccxt\/)?ccxt-lib$/, replacement: resolve(__dirname, 'src-main/exchanges/ccxt/ccxt-lib.lazy.ts') }],
    },
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          // The Electron app and the headless host share every module except their transport.
          desktop: resolve(__dirname, 'src-main/shell/desktop.ts'),
          host: resolve(__dirname, 'src-main/host/main.ts'),
          // `npm run secrets -- migrate …`: moves keys between the keychain and the key file.
          secrets: resolve(__dirname, 'src-main/host/secrets-command.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require nothing but electron: bundle everything it uses into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { preload: resolve(__dirname, 'src-main/shell/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [react(), contentSecurityPolicy()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // The page is downloaded and parsed at every start (in the browser, over the host): keep it small.
      minify: true,
      rollupOptions: { input: resolve(__dirname, 'src-renderer/index.html') },
    },
  },
});
