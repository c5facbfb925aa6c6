import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bin/**', 'scripts/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommendedTypeChecked,
  ...pluginVue.configs['flat/recommended'],
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: {
        parser: tseslint.parser,
        projectService: true,
        extraFileExtensions: ['.vue'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // Async methods that satisfy a Promise-returning interface need no await.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/no-v-html': 'error',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      // Core must stay Electron-free, and the renderer must reach main only through the bridge.
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['src-main/core/**/*.ts', 'src-main/cli/**/*.ts', 'src-shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'core, cli and shared code must run under plain Node' }] }] },
  },
  {
    // Shipped code never reaches into test helpers or the simulator (a dev/test tool beside core).
    files: ['src-main/core/**/*.ts', 'src-main/app/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/testkit/**', '**/sim/**', '**/integration/**'], message: 'production code must not import test helpers or the simulator' }] },
      ],
    },
  },
  {
    files: ['src-main/core/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'core must run under plain Node' }],
          patterns: [{ group: ['**/testkit/**', '**/sim/**', '**/integration/**'], message: 'production code must not import test helpers or the simulator' }],
        },
      ],
    },
  },
  {
    // Chain rules sit below every capability: they import none of them.
    files: ['src-main/core/chain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'core must run under plain Node' }],
          patterns: [
            { group: ['**/testkit/**', '**/sim/**'], message: 'production code must not import test helpers or the simulator' },
            { regex: '^\\.\\./(?!\\.\\./)', message: 'core/chain sits below every capability and imports none of them' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,vue}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/src-main/**', 'electron', 'node:*'], message: 'the renderer reaches main only through the bridge' }] }],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'electron', '**/src-main/**', '**/src-renderer/**'], message: 'src-shared is a pure contract' }] }] },
  },
  {
    files: ['**/*.test.ts', 'e2e/**/*.ts'],
    // expect.any()/objectContaining() are typed `any` by design.
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/unbound-method': 'off', '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
);
