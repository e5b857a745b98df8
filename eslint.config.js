// Lint: type-aware rules that catch what the compiler does not (floating promises, type imports).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const PUBLIC_API =
  "import the engine through 'orchestrate', 'orchestrate/module-kit' or 'orchestrate/testing' (src/index.ts, src/module-kit.ts, src/testing.ts), not by a path into src/";
const GENERIC_ENGINE =
  'src/ is the generic engine: it never imports roles/, playbooks/, inventory/ or kubernetes/ (an extension adds what a domain needs)';

export default tseslint.config(
  { ignores: ['node_modules/**', '.orchestrate/**', 'coverage/**', 'test/fixtures/bad-input/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  // One public API: roles, playbooks, inventories and the Kubernetes libraries (and the bench's roles and
  // playbooks) use the engine only through 'orchestrate', 'orchestrate/module-kit' and 'orchestrate/testing'.
  {
    files: [
      'roles/**/*.ts',
      'playbooks/**/*.ts',
      'inventory/**/*.ts',
      'kubernetes/**/*.ts',
      'bench/roles/**/*.ts',
      'bench/playbooks/**/*.ts',
      'bench/certsvc/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(\\.\\./)+src/', message: PUBLIC_API }] }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ImportExpression > Literal[value=/^(\\.\\.\\/)+src\\//]', message: PUBLIC_API },
      ],
    },
  },
  // The engine is generic: nothing in src/ imports the roles, playbooks, inventories or Kubernetes libraries
  // (nor the package by its name). A relative path leaves src/ with one `../` more than the file's depth in it.
  ...[0, 1, 2, 3].map((depth) => {
    const leaves = `^(\\.\\.\\/){${depth + 1},}(roles|playbooks|inventory|kubernetes)\\/|^orchestrate(\\/|$)`;
    return {
      files: [depth < 3 ? `src/${'*/'.repeat(depth)}*.{ts,js}` : 'src/*/*/*/**/*.{ts,js}'],
      rules: {
        'no-restricted-imports': ['error', { patterns: [{ regex: leaves, message: GENERIC_ENGINE }] }],
        'no-restricted-syntax': [
          'error',
          { selector: `ImportExpression > Literal[value=/${leaves}/]`, message: GENERIC_ENGINE },
        ],
      },
    };
  }),
  {
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
