// ESLint 9 flat config: @eslint/js recommended + typescript-eslint recommended (not type-aware, so it stays fast).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'data/**',
      'coverage/**',
      // also git-ignored output
      'test-results/**',
      'bench/results/**',
      '.orgdesk/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['packages/cli/**', 'scripts/**', 'bench/**', 'e2e/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Migrations are frozen in time, so they see the database as untyped (Kysely<any>), never as today's DB type.
    files: ['packages/server/src/platform/migrations/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
