// The architecture's "may import" column (../shared/ARCHITECTURE.md), checked on every import instead of in review.
// Plain JS ESM so that eslint.config.mjs loads it without a build step.
//
// Every module specifier of a file (import, export-from, dynamic import, require, `import x = require()`,
// `typeof import()`) is classified by where it points — a layer of the project, a Node builtin or an npm package —
// and judged against the layer of the file that imports it. `import type` counts like a value import: the rule is
// about which code depends on which, and a type dependency still couples the two folders.
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

/** Folders of src-main that are not domains: the API and the two transports over it. */
const MAIN_NON_DOMAINS = new Set(['api', 'shell', 'host']);

/** The account server, a separate deployable: it shares only src-shared with the app. */
const SERVER = 'src-server';

/**
 * Vendor SDKs and the folders that adapt them (src-main domains by name, or the whole of src-server); nowhere else
 * may import them.
 */
const VENDORS = new Map([
  ['ccxt', ['exchanges']],
  ['better-sqlite3', ['storage', SERVER]],
  ['keytar', ['secrets']],
  ['nodemailer', ['notifications']],
  ['electron', ['shell']],
  ['ws', ['host']],
  // Sign-in (and, later, the entitlement JWT of billing): OAuth and JWT checks only where they are adapted.
  ['openid-client', ['auth', 'billing']],
  ['jose', ['auth', 'billing', SERVER]],
  // Billing's server side: the Stripe secret key and the HTTP API live in the account server, never in the app.
  ['stripe', [SERVER]],
  ['fastify', [SERVER]],
  // Shared mode (several processes on one Redis): the client and the Redis rate limiter only where they are adapted.
  ['redis', ['shared-mode']],
]);

/**
 * Which src-main domain may import which: the dependencies of shipped code today, lower domains first. Read as "a
 * domain knows the ones it lists and nothing else". The table is acyclic (layering.test.ts checks it), so no import
 * cycle can form between domains; dependency-cruiser (scripts/import-cycles.test.ts) also watches cycles inside a
 * folder. Tests and test support are not judged by it: like core.ts, a test may wire several domains together.
 */
export const DOMAIN_IMPORTS = {
  events: [],
  secrets: [],
  storage: [],
  exchanges: ['secrets', 'storage'],
  auth: ['events', 'secrets'],
  billing: ['events'],
  resilience: ['exchanges'],
  streaming: ['events', 'exchanges'],
  settings: ['exchanges', 'storage'],
  'market-data': ['exchanges', 'secrets', 'storage'],
  accounts: ['exchanges', 'resilience', 'secrets', 'storage'],
  trading: ['events', 'exchanges', 'resilience', 'storage'],
  risk: ['events', 'exchanges', 'resilience', 'storage'],
  notifications: ['events', 'resilience', 'secrets', 'storage'],
  alerts: ['events', 'exchanges', 'resilience', 'storage', 'streaming'],
  portfolio: ['events', 'exchanges', 'storage'],
  'shared-mode': ['events', 'exchanges', 'resilience', 'storage'],
};

/** Test frameworks: only tests and their helpers run under them, so shipped code never imports one. */
const TEST_FRAMEWORKS = new Set(['vitest', '@playwright/test']);

/** A file named as a fake (`fake-electron.ts`, `ccxt-fakes.ts`) is a stand-in for tests, not shipped code. */
const FAKE_NAME = /(^|[-_.])fakes?([-_.]|$)/i;

const BUILTINS = new Set(builtinModules);
const MAIN_LAYERS = new Set(['root', 'domain', 'api', 'shell', 'host']);

const toPosix = (p) => p.split(path.sep).join('/');

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.js', '.mjs'];

/**
 * Whether `src-main/<name>` names a file directly in src-main (`../core`) rather than a domain folder (`../storage`).
 * A specifier without extension cannot tell by itself, so look on disk; a folder that does not exist yet (a virtual
 * file in a test) counts as a domain.
 */
function isRootFile(root, name) {
  if (name === '' || path.extname(name) !== '') return true;
  // Not cached: only imports of `src-main/<name>` get here, and an editor's long-lived ESLint must see new files.
  const base = path.join(root, 'src-main', name);
  return SOURCE_EXTENSIONS.some((ext) => existsSync(base + ext));
}

/**
 * Where a project-relative path lives. `root` is a file directly in src-main: core.ts, the composition root.
 * `other` (scripts, e2e, bench, config files) and `outside` (beyond the project) are not layered.
 */
function classify(rel, root) {
  if (rel === '' || rel === '..' || rel.startsWith('../') || path.isAbsolute(rel)) return { layer: 'outside', rel };
  const parts = rel.split('/');
  if (parts[0] === 'src-shared') return { layer: 'shared', rel };
  if (parts[0] === 'src-renderer') return { layer: 'renderer', rel };
  if (parts[0] === 'fakes') return { layer: 'fakes', rel };
  if (parts[0] === SERVER) return { layer: 'server', rel };
  if (parts[0] !== 'src-main') return { layer: 'other', rel };
  const folder = parts[1] ?? '';
  if (MAIN_NON_DOMAINS.has(folder)) return { layer: folder, rel };
  if (parts.length <= 2 && isRootFile(root, folder)) return { layer: 'root', rel };
  return { layer: 'domain', domain: folder, inner: parts.slice(2).join('/'), rel };
}

/** `../storage`, `../storage/index` and `../storage/index.ts` all name the domain's public entry. */
const isPublicEntry = (inner) => inner === '' || /^index(\.[cm]?[jt]sx?)?$/.test(inner);
const isTestSupport = (inner) => inner === 'testing' || inner.startsWith('testing/');

/** Tests and test support run only in Node under vitest/Playwright: they may use any package (fake peers, servers). */
function isTestPath(rel) {
  const parts = rel.split('/');
  const base = parts.at(-1) ?? '';
  return /\.(test|spec)(\.[cm]?[jt]sx?)?$/.test(base) || parts.includes('testing') || ['e2e', 'bench'].includes(parts[0]);
}

/** Names a layer the way a reader finds it on disk. */
function describeLayer(from) {
  if (from.layer === 'domain') return `src-main/${from.domain}`;
  if (from.layer === 'root') return from.rel;
  if (MAIN_LAYERS.has(from.layer)) return `src-main/${from.layer}`;
  return `src-${from.layer}`;
}

function resolveSpecifier(spec, fileAbs, root) {
  const clean = spec.split('?')[0]; // Vite suffixes such as `?raw` do not change what is imported
  if (clean.startsWith('node:')) return { kind: 'builtin', name: clean };
  if (clean.startsWith('.') || path.isAbsolute(clean)) {
    const rel = toPosix(path.relative(root, path.resolve(path.dirname(fileAbs), clean)));
    return { kind: 'file', ...classify(rel, root) };
  }
  const segments = clean.split('/');
  const name = clean.startsWith('@') ? segments.slice(0, 2).join('/') : segments[0];
  if (BUILTINS.has(name) || BUILTINS.has(clean)) return { kind: 'builtin', name: clean };
  return { kind: 'package', name };
}

function checkBuiltin(from, target, isTest) {
  if (isTest) return null;
  if (from.layer === 'shared') return { messageId: 'sharedBuiltin', data: { target: target.name } };
  if (from.layer === 'renderer') return { messageId: 'rendererBuiltin', data: { target: target.name } };
  return null;
}

function checkPackage(from, target, isTest) {
  const { name } = target;
  // Not relaxed for tests: only the shell may assume it runs inside Electron, everything else also runs headless.
  if (name === 'electron' && from.layer !== 'shell') {
    return { messageId: 'electron', data: { from: describeLayer(from) } };
  }
  if (isTest) return null;
  if (TEST_FRAMEWORKS.has(name)) return { messageId: 'shippedTestFramework', data: { from: describeLayer(from), target: name } };
  if (from.layer === 'shared') return name === 'zod' ? null : { messageId: 'sharedPackage', data: { target: name } };
  const allowed = VENDORS.get(name);
  if (!allowed) return null;
  if (from.layer === 'renderer') return { messageId: 'rendererPackage', data: { target: name } };
  const folder = from.layer === 'domain' ? from.domain : from.layer === 'server' ? SERVER : from.layer;
  if (allowed.includes(folder)) return null;
  const where = allowed.map((f) => (f === SERVER ? f : `src-main/${f}`)).join(' and ');
  return { messageId: 'vendor', data: { target: name, allowed: where, from: describeLayer(from) } };
}

/** A domain imports only the domains DOMAIN_IMPORTS lists for it. */
function checkDomainTable(from, target) {
  if (!Object.hasOwn(DOMAIN_IMPORTS, from.domain)) {
    return { messageId: 'domainUnlisted', data: { domain: from.domain, target: target.domain } };
  }
  if (DOMAIN_IMPORTS[from.domain].includes(target.domain)) return null;
  const listed = DOMAIN_IMPORTS[from.domain].map((d) => `src-main/${d}`).join(', ');
  return {
    messageId: 'domainNotInTable',
    data: { from: from.domain, target: target.domain, allowed: listed === '' ? 'no other domain' : listed },
  };
}

/** Another domain is reached only through its index.ts (tests may also use its `testing/` helpers). */
function checkDomainEntry(from, target, spec, fileAbs, root, isTest) {
  if (isPublicEntry(target.inner) || (isTest && isTestSupport(target.inner))) return null;
  let suggestion = toPosix(path.relative(path.dirname(fileAbs), path.join(root, 'src-main', target.domain)));
  if (!suggestion.startsWith('.')) suggestion = `./${suggestion}`;
  return {
    messageId: 'domainInternal',
    data: { from: describeLayer(from), domain: target.domain, spec, suggestion },
  };
}

function checkMainFile(from, target, spec, fileAbs, root, isTest) {
  const data = { from: describeLayer(from), target: target.rel };
  if (target.layer === 'shared') return null;
  if (target.layer === 'renderer') return { messageId: 'mainToRenderer', data };
  // The app's own manifest is where its name and version live (reported by `app:info`).
  if (target.rel === 'package.json') return null;
  // Fake peers (top-level fakes/) stand in for exchanges, SMTP, providers…: tests use them, shipped code never.
  if (target.layer === 'fakes') return isTest ? null : { messageId: 'shippedToFake', data };
  if (!MAIN_LAYERS.has(target.layer)) return { messageId: 'mainToOther', data };
  const sameDomain = target.layer === 'domain' && from.layer === 'domain' && target.domain === from.domain;
  if (sameDomain || (target.layer === from.layer && target.layer !== 'domain')) return null; // its own folder
  if (target.layer === 'domain') {
    const outsideTable = from.layer === 'domain' && !isTest ? checkDomainTable(from, target) : null;
    return outsideTable ?? checkDomainEntry(from, target, spec, fileAbs, root, isTest);
  }
  if (from.layer === 'domain') return { messageId: 'domainUpward', data: { domain: from.domain, target: target.rel } };
  if (from.layer === 'api') return { messageId: 'apiUpward', data };
  if (from.layer === 'root') return target.layer === 'api' ? null : { messageId: 'rootToTransport', data };
  // shell and host: api/ and core.ts yes, each other no.
  if (target.layer === 'api' || target.layer === 'root') return null;
  return { messageId: 'transportCross', data };
}

function checkFile(from, target, spec, fileAbs, root, isTest) {
  const problem = checkFileLayer(from, target, spec, fileAbs, root, isTest);
  if (problem || isTest || !isTestPath(target.rel)) return problem;
  // Within its own folder too: a `testing/` helper or a test file is never part of what ships.
  return { messageId: 'shippedToTesting', data: { from: describeLayer(from), target: target.rel } };
}

/** src-server: src-shared and itself; its tests also use the fake peers. */
function checkServerFile(from, target, isTest) {
  if (target.layer === 'shared' || target.layer === 'server') return null;
  if (target.layer === 'fakes' && isTest) return null;
  const messageId = target.layer === 'fakes' ? 'shippedToFake' : 'serverOther';
  return { messageId, data: { from: describeLayer(from), target: target.rel } };
}

function checkFileLayer(from, target, spec, fileAbs, root, isTest) {
  if (from.layer === 'server') return checkServerFile(from, target, isTest);
  if (target.layer === 'server') return { messageId: 'importsServer', data: { from: describeLayer(from), target: target.rel } };
  if (from.layer === 'shared') {
    return target.layer === 'shared' ? null : { messageId: 'sharedFile', data: { target: target.rel } };
  }
  if (from.layer === 'renderer') {
    if (target.layer === 'shared' || target.layer === 'renderer') return null;
    const messageId = MAIN_LAYERS.has(target.layer) ? 'rendererMain' : 'rendererOther';
    return { messageId, data: { target: target.rel } };
  }
  return checkMainFile(from, target, spec, fileAbs, root, isTest);
}

/** The string a module-specifier node holds, or null when it is computed at run time (not checkable). */
function specifierOf(node) {
  if (!node) return null;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
  if (node.type === 'TSLiteralType') return specifierOf(node.literal);
  return null;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the folder layering of ARCHITECTURE.md on every import' },
    schema: [
      {
        type: 'object',
        properties: { root: { type: 'string', description: 'Project root; defaults to the working directory' } },
        additionalProperties: false,
      },
    ],
    messages: {
      sharedFile:
        'src-shared may import only src-shared ({{target}} is outside it): both processes load src-shared, ' +
        'so it depends on neither; move the shared part into src-shared.',
      sharedPackage:
        "src-shared may import only zod, not '{{target}}': it runs in the renderer and in main alike; " +
        'use {{target}} in the process that needs it and share plain types and schemas.',
      sharedBuiltin:
        "src-shared may not import the Node builtin '{{target}}': the renderer has no Node; do that work in " +
        'src-main and share only types and schemas.',
      rendererMain:
        'src-renderer may not import src-main ({{target}}): talk to main through window.api ' +
        '(the typed client over src-shared/contract).',
      rendererOther:
        'src-renderer may import only src-renderer and src-shared ({{target}} is outside both): ' +
        'move what the UI needs into src-shared.',
      rendererBuiltin:
        "src-renderer may not import the Node builtin '{{target}}': the renderer is a sandboxed browser page; " +
        'do it in main and expose it as a channel in src-shared/contract.',
      rendererPackage:
        "src-renderer may not import '{{target}}', which runs only in the main process: reach it through " +
        'window.api and a channel in src-shared/contract.',
      electron:
        "'electron' may be imported only in src-main/shell, not in {{from}}: everything else also runs in the " +
        'headless host; put the Electron part behind an interface that shell/ implements.',
      vendor:
        "'{{target}}' may be imported only in {{allowed}}, not in {{from}}: a vendor SDK stays in the folder " +
        'that adapts it; use that folder\'s index.ts instead.',
      domainInternal:
        "{{from}} may use src-main/{{domain}} only through its public index.ts: import '{{suggestion}}' instead " +
        "of '{{spec}}' (export what you need from src-main/{{domain}}/index.ts).",
      domainNotInTable:
        'src-main/{{from}} may not import src-main/{{target}}: the domain table (DOMAIN_IMPORTS in ' +
        'eslint-rules/layering.mjs) lets it import only {{allowed}}. Move what it needs into a domain it may import, ' +
        'or take it as a constructor argument wired in src-main/core.ts; add the pair to the table only if ' +
        'src-main/{{target}} does not depend on src-main/{{from}}, directly or not (the table must stay acyclic).',
      domainUnlisted:
        'src-main/{{domain}} is not in the domain table (DOMAIN_IMPORTS in eslint-rules/layering.mjs), so it may not ' +
        'import src-main/{{target}}: add src-main/{{domain}} there with the domains it uses (the table must stay acyclic).',
      domainUpward:
        'src-main/{{domain}} may not import {{target}}: domains know nothing of the API, the transports or the ' +
        'composition root; take what you need as a constructor argument, wired in src-main/core.ts.',
      apiUpward:
        'src-main/api may not import {{target}}: handlers stay transport-agnostic; shell/, host/ and core.ts ' +
        'import api/, never the other way round.',
      rootToTransport:
        '{{from}} may not import {{target}}: the composition root builds services and api/; the transports ' +
        'import it, never the other way round.',
      transportCross:
        '{{from}} may not import {{target}}: the Electron shell and the headless host are alternative transports ' +
        'over api/; share code through api/, core.ts or src-shared.',
      mainToRenderer:
        '{{from}} may not import src-renderer ({{target}}): main and renderer share code only through src-shared.',
      shippedToFake:
        '{{from}} may not import {{target}}: fakes/ holds the fake peers tests run against and never ships; ' +
        'take what the code needs from src-main or src-shared.',
      shippedTestFramework:
        "{{from}} may not import '{{target}}' outside tests: a test framework never ships; move the code that " +
        'needs it into a *.test.ts file or a testing/ folder.',
      shippedToTesting:
        '{{from}} may not import {{target}} outside tests: tests and testing/ helpers never ship; move what ' +
        'shipped code needs out of testing/.',
      shippedFake:
        '{{file}} is named as a fake but ships: fake peers live in the top-level fakes/ (one folder per peer), ' +
        'small test helpers in a testing/ folder.',
      serverOther:
        '{{from}} may import only src-server and src-shared ({{target}} is outside them): the account server is ' +
        'deployed on its own, without the app; move what both need into src-shared.',
      importsServer:
        '{{from}} may not import {{target}}: src-server is the account server, a separate deployable that holds the ' +
        'Stripe secret key; the app reaches it over HTTPS, and shares types with it through src-shared.',
      mainToOther:
        '{{from}} may import only src-main and src-shared ({{target}} is outside them): the app must not ' +
        'depend on scripts, tests or files outside its sources.',
    },
  },
  create(context) {
    const root = path.resolve(context.options[0]?.root ?? context.cwd);
    const fileAbs = path.resolve(context.cwd, context.filename);
    const fromRel = toPosix(path.relative(root, fileAbs));
    const from = classify(fromRel, root);
    // Fake peers and scripts are not shipped and not layered (fakes/ may use the app's code to stand in for a peer).
    if (from.layer === 'other' || from.layer === 'outside' || from.layer === 'fakes') return {};
    const isTest = isTestPath(fromRel);
    const fakeName = !isTest && FAKE_NAME.test(path.basename(fromRel, path.extname(fromRel)));

    function check(node) {
      const spec = specifierOf(node);
      if (spec === null) return;
      const target = resolveSpecifier(spec, fileAbs, root);
      let problem;
      if (target.kind === 'builtin') problem = checkBuiltin(from, target, isTest);
      else if (target.kind === 'package') problem = checkPackage(from, target, isTest);
      else problem = checkFile(from, target, spec, fileAbs, root, isTest);
      if (problem) context.report({ node, ...problem });
    }

    return {
      Program: (node) => {
        if (fakeName) context.report({ node, messageId: 'shippedFake', data: { file: fromRel } });
      },
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportType: (node) => check(node.source ?? node.argument),
      TSExternalModuleReference: (node) => check(node.expression),
      'CallExpression[callee.type="Identifier"][callee.name="require"]': (node) => check(node.arguments[0]),
    };
  },
};

export default {
  meta: { name: 'layering' },
  rules: { imports: rule },
};
