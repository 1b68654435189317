// The display-text rule on virtual components: what a person reads is refused when written inline, while text
// without letters, non-display attributes, catalogues and tests pass.
import path from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import i18n from './i18n.mjs';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const root = path.resolve(import.meta.dirname, '..');
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } } });
const component = path.join(root, 'src-renderer/features/orders/Panel.tsx');

const ok = (code: string, filename = component): RuleTester.ValidTestCase => ({ code, filename });
const bad = (code: string, ...messageIds: string[]): RuleTester.InvalidTestCase => ({
  code,
  filename: component,
  errors: messageIds.map((messageId) => ({ messageId })),
});

tester.run('i18n/no-display-literal', i18n.rules['no-display-literal'], {
  valid: [
    ok("const A = () => <p className=\"empty\" data-testid=\"open-orders\">{t('orders:empty')}</p>;"),
    ok('const A = () => <span title={t(\'last\')}>{price} — {share}% · /</span>;'),
    ok("const A = () => <input type=\"text\" inputMode=\"decimal\" autoComplete=\"off\" aria-label={t('amount')} />;"),
    ok('const A = ({ on }) => <b className={on ? \'pill on\' : \'pill\'} />;'),
    // Catalogues and tests are where words may be written.
    ok('const A = () => <p>Cancel</p>;', path.join(root, 'src-renderer/i18n/preview.tsx')),
    ok('const A = () => <p>Cancel</p>;', path.join(root, 'src-renderer/features/orders/Panel.test.tsx')),
    // Outside the renderer (the account server's pages are not judged here).
    ok('const A = () => <p>Cancel</p>;', path.join(root, 'src-server/page.tsx')),
  ],
  invalid: [
    bad('const A = () => <button>Cancel all</button>;', 'text'),
    bad("const A = ({ buy }) => <button>{buy ? 'Buy' : 'Sell'}</button>;", 'text', 'text'),
    bad('const A = ({ n }) => <p>{`${n} orders`}</p>;', 'text'),
    bad('const A = () => <input placeholder="none" aria-label="Stop loss" />;', 'attribute', 'attribute'),
    bad("const A = ({ s }) => <span title={`Last price of ${s}`} />;", 'attribute'),
    bad("const A = ({ e }) => <p>{e || 'Nothing yet'}</p>;", 'text'),
    bad('const A = () => <p>Mở lệnh</p>;', 'text'),
  ],
});
