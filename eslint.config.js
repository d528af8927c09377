// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const restrictedIn = (packages, message) => ({
  'no-restricted-imports': ['error', { patterns: packages.map((group) => ({ group: [group], message })) }],
});

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/.cache/**', '.data/**', 'tools/**', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['vitest.config.ts', 'eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    rules: restrictedIn(
      ['mongodb', 'fastify', '@fastify/*', '@trpc/*', '@orgsphere/*'],
      'core holds domain logic only: no I/O frameworks and no other workspace package.',
    ),
  },
  {
    files: ['packages/db/src/**/*.ts'],
    rules: restrictedIn(['fastify', '@fastify/*', '@trpc/*', '@orgsphere/api'], 'db knows storage, not HTTP.'),
  },
  {
    // env.ts is the only reader of process.env in the api.
    files: ['apps/api/src/**/*.ts'],
    ignores: ['apps/api/src/env.ts', 'apps/api/src/testing/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through src/env.ts.' },
      ],
    },
  },
  {
    // Tests read untyped JSON responses on purpose; the assertions are the type check.
    files: ['**/test/**/*.ts', '**/*.test.ts', 'apps/api/scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
