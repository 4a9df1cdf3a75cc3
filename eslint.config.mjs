import nx from '@nx/eslint-plugin';

/**
 * Dependency direction: apps -> domain -> infrastructure -> contracts. The operator may use
 * infrastructure and contracts only. Cycles between projects are errors.
 */
export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/node_modules', '**/dist', '.data', '.nx', 'coverage', 'artifacts'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:infrastructure', 'type:contracts'] },
            { sourceTag: 'type:operator', onlyDependOnLibsWithTags: ['type:infrastructure', 'type:contracts'] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:infrastructure', 'type:contracts'] },
            { sourceTag: 'type:infrastructure', onlyDependOnLibsWithTags: ['type:infrastructure', 'type:contracts'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
            // Chart tests drive helm and a test API server.
            { sourceTag: 'type:chart', onlyDependOnLibsWithTags: ['type:infrastructure', 'type:contracts'] },
            { sourceTag: 'type:bench', onlyDependOnLibsWithTags: ['type:domain', 'type:infrastructure', 'type:contracts'] },
            // The build's own checks run compiled services against the test kit's servers.
            { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:infrastructure', 'type:contracts'] },
          ],
        },
      ],
      // TypeScript's strict null checks already guard these; `!` marks an invariant, not a guess.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Only test code may import the test kit.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['**/*.spec.ts', 'libs/testing/**', 'libs/*/testing/**', 'bench/**', '**/bench/**', '**/test/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@storefront/testing', message: 'test-only library' },
            { name: '@storefront/tenancy/testing', message: 'test-only fixtures' },
            { name: '@storefront/orders/testing', message: 'test-only fixtures' },
            { name: '@storefront/notifications/testing', message: 'test-only fixtures' },
            { name: '@storefront/kube-client/testing', message: 'test-only helpers' },
            { name: '@storefront/object-storage/testing', message: 'test-only helpers' },
          ],
        },
      ],
    },
  },
];
