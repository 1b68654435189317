// Types for layering.mjs, so that the TypeScript tests can import the plugin under `strict`.
import type { ESLint, Rule } from 'eslint';

/** Which src-main domain may import which. */
export declare const DOMAIN_IMPORTS: Readonly<Record<string, readonly string[]>>;

declare const plugin: ESLint.Plugin & { rules: { imports: Rule.RuleModule } };
export default plugin;
