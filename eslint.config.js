import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';

// The layers of platform/src, bottom first (docs/architecture.md). A folder imports only from the
// folders listed for it; a dependency that must point up is a port on the context (core/ports.ts).
const PLATFORM_LAYERS = {
  generated: [],
  core: ['generated'],
  jobs: ['generated', 'core'],
  query: ['generated', 'core'],
  metadata: ['generated', 'core', 'query'],
  schema: ['generated', 'core', 'query', 'metadata'],
  auth: ['generated', 'core'],
  organisation: ['generated', 'core', 'auth'],
  permissions: ['generated', 'core', 'query', 'metadata', 'schema', 'auth', 'organisation'],
  records: ['generated', 'core', 'query', 'metadata', 'schema', 'auth', 'organisation', 'permissions'],
  workflow: ['generated', 'core', 'jobs', 'query', 'metadata', 'schema', 'auth', 'organisation', 'permissions', 'records'],
  definitions: ['generated', 'core', 'query', 'metadata', 'schema', 'auth', 'organisation', 'permissions', 'records', 'workflow'],
  plugins: ['generated', 'core', 'jobs', 'query', 'metadata', 'schema', 'auth', 'organisation', 'permissions', 'records', 'workflow', 'definitions'],
  http: ['generated', 'core', 'jobs', 'query', 'metadata', 'schema', 'auth', 'organisation', 'permissions', 'records', 'workflow', 'definitions', 'plugins'],
};

const layerRules = Object.entries(PLATFORM_LAYERS).map(([folder, allowed]) => {
  const forbidden = Object.keys(PLATFORM_LAYERS).filter((other) => other !== folder && !allowed.includes(other));
  return {
    files: [`platform/src/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: `^(\\.\\./)+(${forbidden.join('|')}|app\\.ts|main\\.ts)(/|$)`, message: `platform/src/${folder} may import only from ${allowed.join(', ') || 'itself'} (docs/architecture.md).` },
        ],
      }],
    },
  };
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'ui/dist/**', 'ui/src/components.d.ts', 'platform/src/generated/**', 'plugins/*/generated/**', 'dist/**'] },
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
    files: ['plugins/**/*.ts', 'plugins/**/*.vue', 'tests/fixtures/packs/**/*.ts', 'tests/fixtures/broken-kind-packs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: 'platform/src/(?!plugins/plugin-api\\.ts$)', message: 'Packs use only platform/src/plugins/plugin-api.ts (and @tessera/ui in pages).' }] }],
    },
  },
  ...layerRules,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
);
