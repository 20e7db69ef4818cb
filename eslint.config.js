// One lint config for every package. Besides the recommended rules it holds the import
// boundaries the design depends on: a feature never imports another feature (only the
// platform's declared hooks connect them), `platform/` never imports a feature, and the
// mini-program never reaches into the BFF.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export const FEATURES = ['accounts', 'parent-school', 'charging', 'memorial', 'insurance', 'notifications', 'system'];

const importsOf = (name) => [name, `${name}/**`, `**/${name}`, `**/${name}/**`];

/** Each feature folder, on both sides, may not name another feature's folder in an import. */
const featureBoundaries = FEATURES.flatMap((feature) => {
  const others = FEATURES.filter((other) => other !== feature);
  return [
    {
      files: [`bff/src/features/${feature}/**/*.ts`, `miniapp/src/${feature}/**/*.{ts,tsx}`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                // Any depth of `../`, with or without `features/`, so a subfolder cannot slip past.
                regex: `^(\\.\\./)+(features/)?(${others.join('|')})(/|$)|/features/(${others.join('|')})(/|$)`,
                message: 'A feature never imports another feature; go through a platform hook.',
              },
              { group: ['@warmcity/bff', '@warmcity/bff/**'], message: 'The mini-program never imports the BFF.' },
            ],
          },
        ],
      },
    },
  ];
});

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.data/**',
      '**/.swc/**',
      '**/.temp/**',
      'devdb/test/conformance/specs/**',
      'miniapp/babel.config.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['miniapp/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Tests read loosely typed JSON answers; the assertions are what checks their shape.
    files: ['**/test/**/*.ts', '**/*.test.ts', '**/*.test-d.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  ...featureBoundaries,
  {
    files: ['bff/src/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: importsOf('features'), message: 'platform/ never imports a feature.' }] },
      ],
    },
  },
  {
    files: ['miniapp/**/*.{ts,tsx,js,mjs}'],
    ignores: FEATURES.map((feature) => `miniapp/src/${feature}/**`),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@warmcity/bff', '@warmcity/bff/**'], message: 'The mini-program never imports the BFF.' },
          ],
        },
      ],
    },
  },
  prettier,
);
