// The app's bridge server and one or more fake terminals wired together on 127.0.0.1, for tests and transcripts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Mt5BridgeServer, type Mt5Session } from '../../src-main/exchanges';
import { FakeMt5Terminal, type FakeTerminalOptions } from './terminal';
import { SimulatedTradeServer, type TradeServerOptions } from './trade-server';

export const HARNESS_TOKEN = '7d1f'.repeat(16);

export interface BridgeHarness {
  bridge: Mt5BridgeServer;
  port: number;
  logged: string[];
  /** Starts a terminal (its own trade server unless given) and resolves once the app has welcomed it. */
  attach(options?: Partial<FakeTerminalOptions> & { account?: TradeServerOptions }): Promise<{ terminal: FakeMt5Terminal; session: Mt5Session }>;
  /** The session the app holds for a login, waiting for it to (re)appear. */
  sessionOf(login: string, timeoutMs?: number): Promise<Mt5Session>;
  close(): Promise<void>;
}

export async function startBridgeHarness(options: { requestTimeoutMs?: number } & Partial<ConstructorParameters<typeof Mt5BridgeServer>[0]> = {}): Promise<BridgeHarness> {
  const logged: string[] = [];
  const bridge = new Mt5BridgeServer({
    pairingToken: async () => HARNESS_TOKEN,
    appName: 'Trade Bot Scratch (test)',
    log: { info: (m) => logged.push(m), warn: (m) => logged.push(m) },
    ...options,
  });
  const port = await bridge.listen(0);
  const terminals: FakeMt5Terminal[] = [];
  const folders: string[] = [];
  const sessionOf = async (login: string, timeoutMs = 5_000) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const session = bridge.session(login);
      if (session?.open) return session;
      if (Date.now() > until) throw new Error(`no session for ${login} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  return {
    bridge,
    port,
    logged,
    async attach(attachOptions = {}) {
      const filesDir = attachOptions.filesDir ?? mkdtempSync(join(tmpdir(), 'mt5-files-'));
      if (!attachOptions.filesDir) folders.push(filesDir);
      const server = attachOptions.server ?? new SimulatedTradeServer(attachOptions.account);
      const terminal = new FakeMt5Terminal({ port, token: HARNESS_TOKEN, backoffMinMs: 20, backoffMaxMs: 200, waitRefusedMs: 200, pollMs: 10, ...attachOptions, server, filesDir });
      terminals.push(terminal);
      terminal.start();
      await terminal.waitWelcomed();
      return { terminal, session: await sessionOf(server.login) };
    },
    sessionOf,
    async close() {
      for (const terminal of terminals) terminal.stop();
      await bridge.close();
      for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    },
  };
}
