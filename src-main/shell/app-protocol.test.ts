// app://bundle/ answers the built renderer's files, with their types and the CSP, and nothing outside its folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, CSP_HEADER_ONLY } from '../../src-shared';
import { bundleResponse } from './app-protocol';

let parent: string;
let root: string;

beforeAll(() => {
  parent = mkdtempSync(join(tmpdir(), 'tbs-bundle-'));
  root = join(parent, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(parent, 'secret.txt'), 'outside the bundle');
});
afterAll(() => rmSync(parent, { recursive: true, force: true }));

const get = (url: string) => bundleResponse(url, root, CONTENT_SECURITY_POLICY);

describe('bundleResponse', () => {
  it('serves the page and its assets with their content types, nosniff and the CSP header', async () => {
    const page = await get('app://bundle/index.html');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>app</title>');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('content-security-policy')).toBe(`${CONTENT_SECURITY_POLICY}; ${CSP_HEADER_ONLY}`);
    expect((await get('app://bundle/assets/index-abc.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://bundle/assets/index-abc.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await (await get('app://bundle/')).text()).toContain('<title>app</title>');
  });

  it.each([
    'app://bundle/../secret.txt',
    'app://bundle/%2e%2e/secret.txt',
    'app://bundle/assets/%2e%2e/%2e%2e/secret.txt',
    'app://bundle/..%2fsecret.txt',
    'app://bundle/..%5csecret.txt',
    'app://bundle/index.html%00.js',
    'app://bundle/missing.js',
    'app://bundle/assets',
    'app://other-host/index.html',
    'file:///etc/passwd',
    'app://bundle/%E0%A4%A',
  ])('answers 404 to %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('outside the bundle');
  });
});
