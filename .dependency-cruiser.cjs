// The architecture rules `npm run lint` checks (dependency-cruiser). Each rule says why it exists;
// tests/architecture/rules.test.ts proves that each one reports what it should and nothing on a clean tree.
// Paths are relative to the repository root. A `$1` in `to` is the first group the `from` path captured.

/** Test files may reach into any folder of their own service: they test internals on purpose. */
const testFiles = ['\\.test\\.ts$', '^services/[^/]+/test/'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'No import cycles, type-only imports included: a cycle means neither module can be read, tested or ' +
        'moved without the other. Move what both need into a third module (or into the one that owns it).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'services-are-independent',
      severity: 'error',
      comment:
        'A service never imports another service: they are deployed apart and talk over HTTP and RabbitMQ only. ' +
        'Shared code belongs in packages/.',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/', pathNot: '^services/$1/' },
    },
    {
      name: 'packages-import-no-service-or-app',
      severity: 'error',
      comment: 'Packages are shared by every service and app; a package that imports one would tie them all to it.',
      from: { path: '^packages/' },
      to: { path: '^(services|apps)/' },
    },
    {
      name: 'apps-import-no-service',
      severity: 'error',
      comment: 'An app (the web app) knows a service only by its HTTP API and the shapes in packages/contracts.',
      from: { path: '^apps/' },
      to: { path: '^services/' },
    },
    {
      name: 'capability-entry-from-top-level',
      severity: 'error',
      comment:
        "A service's top-level files (app.ts, http-api.ts, config.ts) use a capability folder only through its " +
        'index.ts, its public face: what is not exported there may change without anyone outside noticing.',
      from: { path: '^services/([^/]+)/src/[^/]+$', pathNot: testFiles },
      to: { path: '^services/$1/src/[^/]+/', pathNot: '^services/$1/src/[^/]+/index\\.ts$' },
    },
    {
      name: 'config-imports-no-folder',
      severity: 'error',
      comment:
        "A service's config.ts (its environment's schema) is imported by any folder; importing a folder back " +
        'would make a cycle sooner or later. A constant both need lives in config.ts.',
      from: { path: '^services/([^/]+)/src/config\\.ts$' },
      to: { path: '^services/$1/src/[^/]+/' },
    },
    {
      name: 'capability-entry-between-folders',
      severity: 'error',
      comment:
        'One capability folder uses another only through its index.ts (files inside one folder import each ' +
        'other directly), so each folder shows in one file what the others may rely on.',
      from: { path: '^services/([^/]+)/src/([^/]+)/', pathNot: testFiles },
      to: {
        path: '^services/$1/src/[^/]+/',
        pathNot: ['^services/$1/src/$2/', '^services/$1/src/[^/]+/index\\.ts$'],
      },
    },
  ],
  options: {
    // Type-only imports count: a cycle through `import type` still ties the two modules together.
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|\\.devstack)/' },
    // The workspace packages (@clinic/*) resolve through their package.json `exports` to their source.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    skipAnalysisNotInRules: true,
  },
};
