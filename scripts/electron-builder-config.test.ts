// The packaged app's Electron fuses, read from electron-builder.yml and checked against electron-builder's own schema:
// a misspelt fuse would be ignored by electron-builder without a word, and the hardening silently lost.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

interface BuilderConfig {
  asar?: boolean;
  electronFuses?: Record<string, unknown>;
  extraResources?: Array<{ from: string; to: string }>;
}

const config = load(readFileSync(resolve(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as {
  definitions: { FuseOptionsV1: { properties: Record<string, { type: string }> } };
};

describe('electron-builder.yml', () => {
  it('sets the hardening fuses', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('names only fuses that electron-builder knows, each a boolean', () => {
    const known = schema.definitions.FuseOptionsV1.properties;
    for (const [name, value] of Object.entries(config.electronFuses ?? {})) {
      expect(known, `unknown fuse ${name}`).toHaveProperty(name);
      expect(known[name]!.type).toBe('boolean');
      expect(typeof value).toBe('boolean');
    }
  });

  it('ships the MetaTrader 5 Expert Advisor, from a file that exists', () => {
    const ea = config.extraResources?.find((resource) => resource.to === 'mt5/TradingAppBridge.mq5');
    expect(ea).toBeDefined();
    expect(existsSync(resolve(ROOT, ea!.from))).toBe(true);
  });
});
