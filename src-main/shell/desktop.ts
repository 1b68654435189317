// The Electron entry (built to out/main/desktop.js). It only adds a transport to the core: one window, IPC, and the
// security settings; every service comes from createCore, exactly as in the headless host.
import { join, resolve } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, powerMonitor, protocol, session, shell } from 'electron';
import { createCore, type Core } from '../core';
import { chooseSecretStore, configuredPassphrase, secretsChoice, type SecretVault } from '../secrets';
import { appLocation } from './app-location';
import { APP_SCHEME_PRIVILEGES, serveBundle } from './app-protocol';
import { dataDirArg, optionArg } from './args';
import { ElectronDesktopNotifier } from './desktop-notifier';
import { registerIpc } from './ipc';
import { OwnedWindows, senderCheck } from './sender';
import { createMainWindow, hardenSession } from './window';

// Every renderer in the OS sandbox, including any a future change creates without saying so. Must run before 'ready'.
app.enableSandbox();
// app://bundle/ serves the built renderer (app-location.ts); a scheme's privileges must be declared before 'ready'.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

const explicitDataDir = dataDirArg(process.argv);
if (explicitDataDir) {
  // Chromium's profile and the single-instance lock follow userData: two apps on two data folders (an e2e run next to
  // the trader's own app) must neither share a profile nor block each other.
  app.setPath('userData', resolve(explicitDataDir));
}

if (!app.requestSingleInstanceLock()) {
  // Another instance owns this data folder (and its SQLite journal); it gets focused through 'second-instance'.
  app.quit();
} else {
  start();
}

function start(): void {
  const dataDir = app.getPath('userData');
  const location = appLocation({
    // __dirname is out/main once built; the renderer and the preload are built next to it.
    indexHtml: join(__dirname, '../renderer/index.html'),
    devServerUrl: process.env.ELECTRON_RENDERER_URL,
    isPackaged: app.isPackaged,
  });
  const preloadPath = join(__dirname, '../preload/preload.cjs');
  const owned = new OwnedWindows();
  let core: Core | null = null;
  let disposeIpc = (): void => {};
  let mainWindow: BrowserWindow | null = null;
  let closing = false;

  const openWindow = async (): Promise<void> => {
    // Known from its creation, not from the end of its first load: a second instance or a close can come sooner.
    const onCreated = (window: BrowserWindow): void => {
      owned.add(window.webContents);
      mainWindow = window;
      window.on('closed', () => {
        if (mainWindow === window) mainWindow = null;
      });
    };
    await createMainWindow({ preloadPath, location, onCreated });
  };

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => {
    // macOS apps stay in the dock without windows; 'activate' brings one back.
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (core && !mainWindow) void openWindow();
  });

  // The core holds the SQLite journal and live exchange sockets: close it before the process goes, then quit again.
  app.on('will-quit', (event) => {
    if (!core || closing) return;
    event.preventDefault();
    closing = true;
    disposeIpc(); // no new calls into a core that is closing
    core
      .close()
      .catch((error: unknown) => console.error('closing the core failed', error))
      .finally(() => app.quit());
  });

  void app.whenReady().then(async () => {
    try {
      const secrets = await secretsFromArgs(dataDir);
      core = await createCore({
        dataDir,
        transport: 'ipc',
        desktopNotifier: new ElectronDesktopNotifier(),
        // Sign-in happens in the system browser, never in an embedded window (RFC 8252): the URL comes from main.
        openBrowser: (url) => shell.openExternal(url),
        ...(secrets ? { secrets } : {}),
      });
      hardenSession(session.defaultSession, location);
      const { entry } = location;
      if (entry.kind === 'bundle') serveBundle(session.defaultSession.protocol, entry.root, location.contentSecurityPolicy);
      const isTrustedSender = senderCheck({ location, owns: (contents) => owned.owns(contents) });
      disposeIpc = registerIpc({ ipcMain, dispatcher: core.dispatcher, isTrustedSender });
      // The OS says the machine woke up or the screen was unlocked: offline venues are probed now, not at their next
      // slow probe (the headless host notices a sleep by the wall clock alone).
      powerMonitor.on('resume', () => core?.wokeUp());
      powerMonitor.on('unlock-screen', () => core?.wokeUp());
      await openWindow();
    } catch (error) {
      // Before a window exists nothing else would tell the trader why the app vanished.
      console.error('startup failed', error);
      dialog.showErrorBox('Trade Bot Scratch could not start', error instanceof Error ? error.message : String(error));
      // app.exit skips 'will-quit': close a core that did start, or its database stays mid-transaction.
      await core?.close().catch(() => {});
      app.exit(1);
    }
  });
}

/**
 * `--secrets file` keeps the keys in the encrypted key file of the data folder (opened by `--secrets-passphrase-file`
 * or TBS_SECRETS_PASSPHRASE, else asked in the window). Without the flag: undefined, the OS keychain, as always.
 */
async function secretsFromArgs(dataDir: string): Promise<SecretVault | undefined> {
  const choice = secretsChoice(optionArg(process.argv, '--secrets'));
  if (choice === undefined) return undefined;
  const secrets = await chooseSecretStore({ choice, dataDir });
  const passphrase = choice === 'file' ? configuredPassphrase(optionArg(process.argv, '--secrets-passphrase-file'), process.env) : undefined;
  if (passphrase !== undefined) await secrets.unlock(passphrase);
  return secrets;
}
