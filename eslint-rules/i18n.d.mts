// Types for i18n.mjs, so that the TypeScript tests can import the plugin under `strict`.
import type { ESLint, Rule } from 'eslint';

declare const plugin: ESLint.Plugin & { rules: { 'no-display-literal': Rule.RuleModule } };
export default plugin;
