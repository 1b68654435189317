// The EA (mt5/TradingAppBridge.mq5) cannot be compiled or run here, so its source is read instead: every command the
// app can send must have a case in the EA's Dispatch, every argument the app may send must be read by the EA, every
// push the EA emits must be one the app parses (with the fields the app's schema requires), and the shared constants
// must agree. A change on one side without the other fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { COMMAND_NAMES, COMMANDS, HEARTBEAT_MS, MAX_LINE_BYTES, PEER_SILENT_MS, PROTOCOL_VERSION, DEFAULT_BRIDGE_PORT, PUSH_NAMES, PUSHES, WireErrorCode } from './protocol';

const source = readFileSync(join(__dirname, '../../../mt5/TradingAppBridge.mq5'), 'utf8');

const all = (pattern: RegExp) => [...source.matchAll(pattern)].map((match) => match[1]!);
const unique = (values: string[]) => [...new Set(values)].sort();

/** The body of an MQL5 function returning a string, from its signature to the closing brace at column 3. */
function functionBody(name: string): string {
  const start = source.search(new RegExp(`\\nstring ${name}\\(`));
  if (start === -1) return '';
  const end = source.indexOf('\n  }', start);
  const oneLine = source.indexOf('\n', start + 1);
  return source.slice(start, end === -1 || source.slice(start, oneLine).includes('}') ? oneLine : end);
}

/** JSON keys an EA expression writes, following the string helpers it calls (BarJson, AccountFigures…). */
function keysWritten(text: string, seen = new Set<string>()): Set<string> {
  const keys = new Set([...text.matchAll(/\\"(\w+)\\":/g)].map((match) => match[1]!));
  for (const call of text.matchAll(/\b([A-Z]\w+)\(/g)) {
    const name = call[1]!;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const key of keysWritten(functionBody(name), seen)) keys.add(key);
  }
  return keys;
}

/** Each push the EA sends: from `PushStart("name")` to the end of that SendLine call. */
function pushSegments(): Map<string, string> {
  const segments = new Map<string, string>();
  for (const match of source.matchAll(/PushStart\("(\w+)"\)/g)) {
    const end = source.indexOf('");', match.index);
    segments.set(match[1]!, (segments.get(match[1]!) ?? '') + source.slice(match.index, end));
  }
  return segments;
}

const defineValue = (name: string) => Number(new RegExp(`#define ${name}\\s+(\\d+)`).exec(source)?.[1]);

describe('the EA and the app speak the same protocol', () => {
  it('has a Dispatch case for every command the app sends, and no other', () => {
    expect(unique(all(/cmd == "(\w+)"/g))).toEqual(unique(COMMAND_NAMES));
  });

  it('reads every argument the app may send with each command', () => {
    const read = new Set(all(/(?:Arg|ArgNum|HasArg)\("(\w+)"/g));
    for (const command of COMMAND_NAMES) {
      const args = COMMANDS[command].args;
      const options = 'options' in args ? (args.options as z.ZodObject[]) : [args as z.ZodObject];
      for (const shape of options) for (const key of Object.keys(shape.shape)) expect(read, `${command}.${key}`).toContain(key);
    }
  });

  it('emits only pushes the app parses, every one of them, with the fields the schema requires', () => {
    const segments = pushSegments();
    expect(unique([...segments.keys()])).toEqual(unique(PUSH_NAMES));
    for (const name of PUSH_NAMES) {
      const written = keysWritten(segments.get(name)!);
      written.add('push');
      const required = Object.entries(PUSHES[name].shape).filter(([, schema]) => !(schema as z.ZodType).safeParse(undefined).success).map(([key]) => key);
      for (const key of required) expect(written, `push ${name} field ${key}`).toContain(key);
    }
  });

  it('uses only error codes the app knows', () => {
    const codes = unique(all(/ReplyError\([^,]+, "(\w+)"/g));
    expect(codes.length).toBeGreaterThan(3);
    for (const code of codes) expect(WireErrorCode.options).toContain(code);
  });

  it('answers every control line the app sends and honours each refusal reason', () => {
    expect(unique(all(/type == "(\w+)"/g))).toEqual(['bye', 'heartbeat', 'refused', 'welcome']);
    expect(source).toContain('reason == "version"');
  });

  it('agrees on the version, the line limit, the heartbeat, the silence and the port', () => {
    expect(defineValue('PROTOCOL_VERSION')).toBe(PROTOCOL_VERSION);
    expect(defineValue('MAX_LINE')).toBe(MAX_LINE_BYTES);
    expect(defineValue('HEARTBEAT_MS')).toBe(HEARTBEAT_MS);
    expect(defineValue('SILENT_MS')).toBe(PEER_SILENT_MS);
    expect(Number(/input ushort InpPort\s*=\s*(\d+)/.exec(source)?.[1])).toBe(DEFAULT_BRIDGE_PORT);
  });

  it('documents every command, push and error code in docs/mt5-protocol.md', () => {
    const doc = readFileSync(join(__dirname, '../../../docs/mt5-protocol.md'), 'utf8');
    const commandsPart = doc.slice(doc.indexOf('### Commands'), doc.indexOf('## The client-order-id map'));
    const pushesPart = doc.slice(doc.indexOf('## Pushes'), doc.indexOf('## Retcodes'));
    const named = (part: string) => unique([...part.matchAll(/^\*\*`(\w+)`\*\*(?: \/ \*\*`(\w+)`\*\*)?/gm)].flatMap((m) => [m[1]!, m[2]].filter((x): x is string => !!x)));
    expect(named(commandsPart)).toEqual(unique(COMMAND_NAMES));
    expect(named(pushesPart)).toEqual(unique(PUSH_NAMES));
    for (const code of WireErrorCode.options) expect(doc).toContain(`| \`${code}\` |`);
  });

  it('writes the hello fields the app requires', () => {
    const hello = source.slice(source.indexOf('void SendHello()'), source.indexOf('bool TradeAllowed()'));
    for (const key of ['type', 'v', 'token', 'login', 'server', 'company', 'name', 'currency', 'leverage', 'marginMode', 'tradeAllowed', 'build', 'eaVersion', 'serverOffsetMs']) {
      expect(hello, key).toContain(`\\"${key}\\":`);
    }
  });
});
