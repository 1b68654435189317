// Replays the golden transcripts (testing/transcripts/*.ndjson) against the app's real bridge server: the EA's lines
// are sent as written, every line the app sends must be the transcript's next app line, each request the transcript
// shows the app sending is made through Mt5Session.request, and its reply must resolve (or fail) as parsed by the
// schemas. Each transcript line is {"ea": object} | {"ea_raw": text} | {"app": object}; an error message written
// as "*" matches any message (the app's validation wording is not part of the protocol).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BridgeError } from './bridge-error';
import { Mt5BridgeServer } from './bridge-server';
import { COMMAND_NAMES, COMMANDS, Push, PUSH_NAMES, type Command } from './protocol';
import type { Mt5Session } from './session';
import { rawClient } from './testing/raw-client';

const FOLDER = join(__dirname, 'testing/transcripts');
const TOKEN = '7d1f'.repeat(16);
type Line = { ea: Record<string, unknown> } | { ea_raw: string } | { app: Record<string, unknown> };

let server: Mt5BridgeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function loosen(expected: Record<string, unknown>): unknown {
  const error = expected.error as { message?: string } | undefined;
  if (error?.message !== '*') return expected;
  return { ...expected, error: { ...error, message: expect.any(String) } };
}

async function settled(promise: Promise<unknown>): Promise<{ ok: true; value: unknown } | { ok: false; error: unknown }> {
  return promise.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));
}

describe('golden transcripts, app side', () => {
  it('cover every command and every push of the protocol', () => {
    const lines = readdirSync(FOLDER).filter((name) => name.endsWith('.ndjson')).flatMap((name) => readFileSync(join(FOLDER, name), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Line));
    const commands = new Set(lines.flatMap((line) => ('app' in line && typeof line.app.cmd === 'string' ? [line.app.cmd] : [])));
    const pushes = new Set(lines.flatMap((line) => ('ea' in line && typeof line.ea.push === 'string' ? [line.ea.push] : [])));
    expect([...commands].sort()).toEqual([...COMMAND_NAMES].sort());
    for (const push of PUSH_NAMES) expect(pushes).toContain(push);
  });

  for (const file of readdirSync(FOLDER).filter((name) => name.endsWith('.ndjson')).sort()) {
    it(file, async () => {
      const lines = readFileSync(join(FOLDER, file), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Line);
      server = new Mt5BridgeServer({ pairingToken: async () => TOKEN, appName: 'Trade Bot Scratch (test)', log: { info: () => undefined, warn: () => undefined }, heartbeatMs: 3_600_000, silentMs: 7_200_000 });
      const client = await rawClient(await server.listen(0));
      let session: Mt5Session | undefined;
      const pushes: Push[] = [];
      const pending = new Map<string, { command: Command; result: Promise<ReturnType<typeof settled> extends Promise<infer R> ? R : never> }>();
      let read = 0;
      const nextAppLine = async () => {
        await expect.poll(() => client.lines.length > read, { timeout: 5_000 }).toBe(true);
        return client.lines[read++];
      };
      let expectedPushes = 0;
      for (const line of lines) {
        if ('ea_raw' in line) {
          client.send(`${line.ea_raw}\n`);
        } else if ('ea' in line) {
          client.send(line.ea);
          if ('push' in line.ea && Push.safeParse(line.ea).success) {
            expectedPushes++;
            await expect.poll(() => pushes.length).toBe(expectedPushes);
            expect(pushes.at(-1)).toEqual(Push.parse(line.ea));
          }
          const waiting = typeof line.ea.id === 'string' ? pending.get(line.ea.id) : undefined;
          if (waiting && 'ok' in line.ea) {
            pending.delete(line.ea.id as string);
            const outcome = await waiting.result;
            if (line.ea.ok === true) {
              const parsed = COMMANDS[waiting.command].result.safeParse(line.ea.result);
              if (parsed.success) expect(outcome).toEqual({ ok: true, value: parsed.data });
              else expect(outcome).toMatchObject({ ok: false, error: { failure: 'bad_reply' } });
            } else {
              expect(outcome.ok).toBe(false);
              expect((outcome as { error: BridgeError }).error.failure).toBe((line.ea.error as { code: string }).code);
            }
          }
        } else if (typeof line.app.cmd === 'string') {
          const { id, cmd, ...args } = line.app;
          const command = cmd as Command;
          const result = settled(session!.request(command, args as never));
          pending.set(String(id), { command, result });
          expect(await nextAppLine()).toEqual(line.app);
        } else {
          expect(await nextAppLine()).toEqual(loosen(line.app));
          if (line.app.type === 'welcome') {
            await expect.poll(() => server!.connectedLogins().length).toBe(1);
            session = server.session(server.connectedLogins()[0]!)!;
            session.onPush((push) => pushes.push(push));
          }
          if (line.app.type === 'refused') await client.closed;
        }
      }
      // Nothing the transcript does not show: no extra line from the app, no request left unanswered.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(client.lines.slice(read)).toEqual([]);
      expect([...pending.keys()]).toEqual([]);
      client.end();
    });
  }
});
