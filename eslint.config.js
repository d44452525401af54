import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'data/',
			'test-results/',
			'bench/.work/',
			'.stryker-tmp/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommendedTypeChecked,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				projectService: true,
				tsconfigRootDir: import.meta.dirname,
				extraFileExtensions: ['.svelte']
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { parser: ts.parser, svelteConfig } }
	},
	{
		files: ['**/*.js', '**/*.cjs'],
		...ts.configs.disableTypeChecked
	},
	{
		files: ['src/lib/domain/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['rxdb', 'rxdb/*', 'pouchdb*', 'svelte', 'svelte/*', '$app/*', 'node:*'],
							message: 'The domain core stays free of UI, storage and I/O.'
						}
					]
				}
			]
		}
	},
	{
		// Screens never hold a replica query, write or the database (depcruise checks the same,
		// .dependency-cruiser.cjs; this rule also sees the type-only imports a .svelte file makes).
		files: ['src/routes/**', 'src/lib/components/**'],
		ignores: ['**/+server.ts', '**/*.server.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['rxdb', 'rxdb/*', 'pouchdb*'],
							message: 'Live queries and writes belong in a feature module of src/lib/db.'
						},
						{
							group: [
								'**/db/database',
								'**/db/local-write',
								'**/db/replica',
								'**/db/pending-changes',
								'**/db/directory',
								'**/db/plain-docs',
								'**/db/residence',
								'**/db/device-context.svelte'
							],
							message:
								'Screens reach data through the feature modules of src/lib/db, never the database.'
						},
						{
							group: ['**/lib/server/*', '$lib/server/*'],
							message: 'Server code stays on the server.'
						}
					]
				}
			]
		}
	}
);
