// The layers of src/ (docs/architecture.md): screens, device data layer, domain, server.
// Paths are relative to the directory depcruise runs in, which is the project root for
// `npm run lint:deps` (and a fixture tree in tests/integration/layer-rules.test.ts).

/** Screens: pages and components. Endpoints (`+server.ts`, `*.server.ts`) are server code. */
const SCREENS = {
	path: '^src/(routes|lib/components)/',
	pathNot: '(^|/)\\+server\\.ts$|\\.server\\.ts$'
};

/** Modules of src/lib/db that hold or take the database itself; screens use the feature modules. */
const REPLICA_INTERNALS =
	'^src/lib/db/(database|local-write|replica|pending-changes|directory|plain-docs|residence)\\.ts$' +
	'|^src/lib/db/device-context\\.svelte\\.ts$';

/** A package as resolved in node_modules or, when it cannot be resolved, as it was written. */
const packages = (names) => `(^|/)node_modules/(${names})/|^(${names})(/|$)`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
	forbidden: [
		{
			name: 'no-storage-in-screens',
			comment:
				'Screens never touch RxDB or PouchDB: their live queries and writes live in the feature ' +
				'modules of src/lib/db.',
			severity: 'error',
			from: SCREENS,
			to: { path: packages('rxdb|pouchdb[^/]*') }
		},
		{
			name: 'no-replica-internals-in-screens',
			comment:
				'Screens reach data through the feature modules of src/lib/db and the signed-in device ' +
				'through signed-in-context.ts; they never hold the database.',
			severity: 'error',
			from: SCREENS,
			to: { path: REPLICA_INTERNALS }
		},
		{
			name: 'no-server-in-screens',
			comment: 'Server code runs only on the server; screens run on the device.',
			severity: 'error',
			from: SCREENS,
			to: { path: '^src/lib/server/' }
		},
		{
			name: 'domain-stays-in-domain',
			comment:
				'The domain core is pure TypeScript shared by device and server: nothing of the app ' +
				'around it, no Node built-ins, no SvelteKit modules.',
			severity: 'error',
			from: { path: '^src/lib/domain/' },
			// Specs may also use the shared test data (and only specs: see test-data-only-in-tests).
			to: { pathNot: '^(src/lib/domain/|src/test-data/)|(^|/)node_modules/' }
		},
		{
			name: 'domain-without-ui-or-storage',
			comment: 'The domain core stays free of UI and storage libraries.',
			severity: 'error',
			from: { path: '^src/lib/domain/' },
			to: { path: packages('svelte|@sveltejs/[^/]+|rxdb|pouchdb[^/]*') }
		},
		{
			name: 'db-below-screens-and-server',
			comment: 'The device data layer serves screens; it never imports them, nor server code.',
			severity: 'error',
			from: { path: '^src/lib/db/' },
			to: { path: '^src/(routes|lib/components|lib/server)/' }
		},
		{
			name: 'test-data-only-in-tests',
			comment: 'Test data (src/test-data) is for specs only.',
			severity: 'error',
			from: { pathNot: '\\.test\\.ts$|^src/test-data/' },
			to: { path: '^src/test-data/' }
		},
		{
			name: 'no-circular',
			comment:
				'Modules of src form no cycle, not even through type imports: harmless at run time, but ' +
				'the modules are then one. Put the shared type where all of them import it from.',
			severity: 'error',
			from: { path: '^src/' },
			to: { circular: true }
		},
		{
			name: 'lib-alias-resolves',
			comment: 'Every $lib import must resolve: an unresolved one would slip past the rules above.',
			severity: 'error',
			from: {},
			to: { couldNotResolve: true, path: '^\\$lib(/|$)' }
		}
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		// Type-only imports count too: a screen must not even name the database's type. (.svelte
		// files are read through the Svelte compiler, which drops them: ESLint checks those.)
		tsPreCompilationDeps: true,
		// tsconfig.json with the baseUrl its `$lib` paths need (see the file).
		tsConfig: { fileName: 'tsconfig.depcruise.json' },
		enhancedResolveOptions: {
			extensions: ['.ts', '.js', '.svelte', '.json'],
			exportsFields: ['exports'],
			conditionNames: ['svelte', 'import', 'require', 'node', 'default'],
			mainFields: ['svelte', 'module', 'main']
		}
	}
};
