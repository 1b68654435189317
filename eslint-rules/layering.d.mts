// Types for layering.mjs, so that the TypeScript tests can import the plugin under `strict`.
import type { ESLint, Rule } from 'eslint';

declare const plugin: ESLint.Plugin & { rules: { imports: Rule.RuleModule } };
export default plugin;
