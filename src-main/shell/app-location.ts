// Where the renderer lives, and the one test of "is this URL our own page?". Loading the window, guarding its
// navigation and trusting an IPC sender all ask the same question, so they must share one answer: if they disagreed,
// a page we refuse to navigate to could still be trusted, or the other way round.
import { pathToFileURL } from 'node:url';

export interface AppLocation {
  /** What the window loads: the built index.html, or the electron-vite dev server. */
  readonly entry: { kind: 'file'; path: string } | { kind: 'url'; url: string };
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
      entry: { kind: 'url', url: dev.href },
      isOwn: (url) => parse(url)?.origin === dev.origin,
    };
  }
  // file:// URLs all share the opaque origin "null", so the origin says nothing: compare the exact file instead,
  // otherwise any local file (a downloaded .html) would count as the app.
  const own = pathToFileURL(options.indexHtml);
  return {
    entry: { kind: 'file', path: options.indexHtml },
    isOwn: (url) => {
      const target = parse(url);
      if (target === null || target.protocol !== 'file:') return false;
      return target.host === own.host && target.pathname === own.pathname;
    },
  };
}
