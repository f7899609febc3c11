// Lint rules settle what a formatter cannot: correctness (floating promises, hooks rules) and one style
// for the questions prettier leaves open. Formatting itself is prettier's (eslint-config-prettier).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ignores: ['dist/', 'node_modules/', 'coverage/', 'test/fixtures/', '.cache/']},
	js.configs.recommended,
	...tseslint.configs.recommendedTypeChecked,
	{
		languageOptions: {
			globals: {...globals.node},
			parserOptions: {
				projectService: {allowDefaultProject: ['*.js', '*.mjs', 'scripts/*.mjs']},
				tsconfigRootDir: import.meta.dirname,
			},
		},
		plugins: {'react-hooks': reactHooks},
		rules: {
			...reactHooks.configs.recommended.rules,
			// One private-field style: ECMAScript #private, never the TypeScript keyword.
			'no-restricted-syntax': [
				'error',
				{selector: 'TSParameterProperty', message: 'Declare fields explicitly.'},
				{
					selector: "PropertyDefinition[accessibility='private'], MethodDefinition[accessibility='private']",
					message: 'Use #private fields and methods.',
				},
			],
			'@typescript-eslint/consistent-type-imports': ['error', {fixStyle: 'inline-type-imports'}],
			'@typescript-eslint/no-unused-vars': [
				'error',
				{argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none'},
			],
			eqeqeq: ['error', 'always'],
			// A handler declared before the value it reads is assigned (a signal before the screen is up) stays `let`.
			'prefer-const': ['error', {ignoreReadBeforeAssign: true}],
			'no-var': 'error',
			curly: ['error', 'multi-line'],
			// Terminal escapes and control bytes are this project's subject: safe-text matches them on purpose.
			'no-control-regex': 'off',
		},
	},
	{
		// vi.fn() mocks are passed around unbound, and fakes implement async interfaces without awaiting.
		files: ['test/**'],
		rules: {
			'@typescript-eslint/unbound-method': 'off',
			'@typescript-eslint/require-await': 'off',
			// vitest's asymmetric matchers (expect.stringMatching, expect.any) are typed `any`.
			'@typescript-eslint/no-unsafe-assignment': 'off',
		},
	},
	{
		files: ['**/*.js', '**/*.mjs'],
		...tseslint.configs.disableTypeChecked,
	},
	prettier,
);
