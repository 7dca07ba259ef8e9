import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'ui/dist/**', 'ui/src/components.d.ts', 'platform/src/generated/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' } },
    rules: {
      // vue-tsc checks names; the browser's globals are known to it.
      'no-undef': 'off',
      // Templates are laid out for reading, not by a formatter's line rules.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      // Pages are named by what they are (LoginView, AppShell), not forced into two words.
      'vue/multi-word-component-names': 'off',
    },
  },
  {
    files: ['ui/scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Atomics: 'readonly', SharedArrayBuffer: 'readonly' } },
  },
  {
    // Packs reach the platform only through the plugin interface (STYLE.md rule 7).
    files: ['plugins/**/*.ts', 'plugins/**/*.vue', 'tests/fixtures/packs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: 'platform/src/(?!plugins/plugin-api\\.ts$)', message: 'Packs use only platform/src/plugins/plugin-api.ts (and @tessera/ui in pages).' }] }],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
);
