// Module borders, checked by `npm test` (npm run lint:borders). A module (src/modules/<name>/) is used by others only
// through its index.ts; domain modules know nothing of HTTP or the CLI.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'module-internals-from-another-module',
      comment:
        "A module uses another module only through its index.ts. Table definitions may name another module's tables (schema.ts → schema.ts) for foreign keys: through the index they would form import cycles.",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/', pathNot: '^src/modules/[^/]+/schema\\.ts$' },
      to: { path: '^src/modules/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'schema-to-schema-only',
      comment: "A module's schema.ts may import only other modules' schema.ts (and their index.ts).",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/schema\\.ts$' },
      to: { path: '^src/modules/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/(index|schema)\\.ts$'] },
    },
    {
      name: 'module-internals-from-outside',
      comment:
        'Routes, the CLI, the server and the seed use a module only through its index.ts (src/db/schema.ts gathers the tables for drizzle-kit).',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/modules/', '^src/db/schema\\.ts$'] },
      to: { path: '^src/modules/[^/]+/.+', pathNot: '^src/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'domain-knows-no-http',
      comment: 'Domain modules never import the HTTP layer, the CLI or the server.',
      severity: 'error',
      from: { path: '^src/modules/' },
      to: { path: ['^src/http/', '^src/cli/', '^src/main\\.ts$', '^src/server\\.ts$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.mjs', '.js'] },
  },
};
