// dependency-cruiser's rules for the whole import graph (eslint-rules/layering.mjs judges one import at a time and
// cannot see a cycle). Run by scripts/import-cycles.mjs from a vitest test, so `npm test` fails on a new cycle.
/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A cycle means neither file can be read, tested or changed without the other. Move what both need (a type, ' +
        'a port) into the lower file, or take it as a constructor argument wired in src-main/core.ts.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    // Type-only imports count: a type dependency still couples the two files (and the layering rule counts them too).
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.json'] },
  },
};
