// Lint rules: ESLint's and typescript-eslint's recommended sets; formatting is Prettier's (eslint-config-prettier
// turns off the rules that would fight it). Each rule tuned below says why.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['node_modules/', 'dist/', 'coverage/', 'data/', 'bench/results/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // a leading underscore marks a parameter a signature requires but the body does not use (express's
      // four-argument error middleware, renderers that share one signature)
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      // cf-client ships no type declarations: the test requires it and types it in place
      '@typescript-eslint/no-require-imports': ['error', { allow: ['^cf-client$'] }],
    },
  },
  prettier,
);
