import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['node_modules/**', 'coverage/**', 'data/**', 'bin/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The engine is a pure library: no I/O, no clock, nothing from the rest of the project.
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'http', 'child_process'],
              message: 'The engine does no I/O.',
            },
            {
              group: ['../../*', '**/db/**', '**/web/**', '**/cli/**', '**/conformance/**'],
              message: 'The engine imports nothing from the rest of the project.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'Use @js-joda/core LocalDate; "today" is an input.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'The engine is deterministic.' },
      ],
    },
  },
  {
    // Each product part's domain/ folder holds its pure deciders: no I/O, no clock, no framework.
    // The service side (service/) does the I/O; the web pages and the API call both.
    files: ['src/*/domain/**/*.ts', 'src/oversight/*/domain/**/*.ts'],
    ignores: ['src/engine/**', 'src/*/domain/**/*.test.ts', 'src/oversight/*/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'fs',
                'node:fs',
                'path',
                'node:path',
                'http',
                'node:http',
                'child_process',
                'node:child_process',
              ],
              message: 'A domain decider does no I/O.',
            },
            {
              group: [
                '**/db/**',
                '**/web/**',
                '**/cli/**',
                '**/service/**',
                'kysely',
                'fastify',
                'pg',
                'better-sqlite3',
              ],
              message: 'A domain decider imports no storage, web or service code.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: '"now" is an input.' },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: '"now" is an input.',
        },
      ],
    },
  },
)
