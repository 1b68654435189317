// Where the renderer lives, and the one test of "is this URL our own page?". Loading the window, guarding its
// navigation and trusting an IPC sender all ask the same question, so they must share one answer: if they disagreed,
// a page we refuse to navigate to could still be trusted, or the other way round.
//
// The built renderer is served from a custom scheme, app://bundle/, not from file://: pages on file:// get privileges
// no web page has (reading any local file by fetch, universal access for child frames), and the packaged app turns
// them off with the GrantFileProtocolExtraPrivileges fuse (electron-builder.yml) — under which file:// module scripts
// would no longer load at all. app-protocol.ts serves the scheme from out/renderer and nothing else.
import { dirname } from 'node:path';
import { CONTENT_SECURITY_POLICY, devContentSecurityPolicy } from '../../src-shared';

export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
const INDEX_PATH = '/index.html';

export interface AppLocation {
  /** What the window loads: the built renderer through app://bundle/, or the electron-vite dev server. */
  readonly entry: { kind: 'bundle'; url: string; root: string } | { kind: 'dev-server'; url: string };
  /** The page's Content-Security-Policy: the production one, or the dev server's (never in a packaged app). */
  readonly contentSecurityPolicy: string;
  /** True when `url` is the app's own page (any hash or query: the renderer may route with them). */
  isOwn(url: string): boolean;
}

export interface AppLocationOptions {
  /** Absolute path of out/renderer/index.html. */
  indexHtml: string;
  /** `process.env.ELECTRON_RENDERER_URL`, set by `electron-vite dev` only. */
  devServerUrl?: string | undefined;
  /** A packaged app never loads a dev server, whatever the environment says. */
  isPackaged: boolean;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * The dev server is honoured only in an unpackaged app and only on loopback: a stray ELECTRON_RENDERER_URL must not
 * make the app load (and then trust with the whole API) a page from the network.
 */
function devServer(options: AppLocationOptions): URL | null {
  if (options.isPackaged || !options.devServerUrl) return null;
  const url = parse(options.devServerUrl);
  if (!url || url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) return null;
  return url;
}

export function appLocation(options: AppLocationOptions): AppLocation {
  const dev = devServer(options);
  if (dev) {
    return {
      entry: { kind: 'dev-server', url: dev.href },
      contentSecurityPolicy: devContentSecurityPolicy(dev.origin),
      isOwn: (url) => parse(url)?.origin === dev.origin,
    };
  }
  return {
    entry: { kind: 'bundle', url: `${APP_SCHEME}://${APP_HOST}${INDEX_PATH}`, root: dirname(options.indexHtml) },
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    // A custom scheme's origin is opaque to URL parsing, so compare its parts: the one page of the bundle.
    isOwn: (url) => {
      const target = parse(url);
      return target !== null && target.protocol === `${APP_SCHEME}:` && target.host === APP_HOST && target.pathname === INDEX_PATH;
    },
  };
}
