import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { EVIDENCE_CACHE } from './src/lib/db/evidence-cache.ts';
import { selfHostedZxing } from './src/vite-plugins/self-hosted-zxing.ts';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { COUCH_REQUIRED, findCouchSource, NO_COUCH_MESSAGE } from './tests/support/real-couch.ts';

/** The header colour: the installed app's title bar and the icons' ground. */
const BRAND_RED = '#c8102e';
const onRed = { padding: 0, resizeOptions: { fit: 'contain', background: BRAND_RED } } as const;

/**
 * The integration tests that also run on real Apache CouchDB (besides tests/couchdb): those whose
 * outcome goes through what the store does — feeds and sequences, writes and conflicts, the
 * channel index, documents read by id.
 */
const ON_COUCHDB = [
	'claim-places',
	'compressed-sync',
	'evidence-files',
	'gateway-feeds',
	'gateway-http',
	'gateway-writes',
	'late-sync',
	'live-stream',
	'many-devices',
	'refusal-bounds',
	'replica-channels',
	'replica-writes',
	'summaries',
	'unpaired-surrogates'
];

/**
 * The `couchdb` project: tests/couchdb and ON_COUCHDB on one real CouchDB node per run
 * (tests/support/real-couch-setup.ts). Where none is found it is left out with one line, or is
 * an error under COUCHDB_TESTS_REQUIRED=1 (.ci/run sets it where ../shared/couchdb is there).
 */
function couchdbProjects(): TestProjectInlineConfiguration[] {
	if (!process.env.VITEST) return [];
	if (!findCouchSource()) {
		if (COUCH_REQUIRED) throw new Error(`COUCHDB_TESTS_REQUIRED=1, but: ${NO_COUCH_MESSAGE}`);
		// Vitest reads this file once per project: say it once per run.
		const said = Symbol.for('baodao.noCouchSaid');
		if (!Reflect.get(globalThis, said)) console.warn(NO_COUCH_MESSAGE);
		Reflect.set(globalThis, said, true);
		return [];
	}
	return [
		{
			extends: true,
			test: {
				name: 'couchdb',
				include: [
					'tests/couchdb/**/*.test.ts',
					...ON_COUCHDB.map((name) => `tests/integration/${name}.test.ts`)
				],
				environment: 'node',
				globalSetup: ['tests/support/device-bundle.ts', 'tests/support/real-couch-setup.ts'],
				// Hang guards only: a test server's start on CouchDB (15 databases created, the demo
				// seeded and summed up) took 12 s on a loaded 2-core machine, 2–3 s on LevelDB.
				testTimeout: 120_000,
				hookTimeout: 120_000
			}
		}
	];
}

export default defineConfig({
	plugins: [
		selfHostedZxing(),
		sveltekit(),
		SvelteKitPWA({
			registerType: 'prompt',
			manifest: {
				id: '/',
				name: '报到 · 在职党员双报到',
				short_name: '报到',
				description: '在职党员到社区报到、参与志愿服务，离线也能使用。',
				lang: 'zh-CN',
				start_url: '/',
				scope: '/',
				display: 'standalone',
				theme_color: BRAND_RED,
				// The page background, so the splash screen does not flash another colour.
				background_color: '#f6f7f9'
			},
			// Icons are rendered at build time from this one drawing (shapes only: text in an SVG
			// would depend on the build machine's fonts). The manifest's icons list is filled in
			// from them; the HTML links are fixed in src/app.html.
			pwaAssets: {
				image: 'static/favicon.svg',
				preset: {
					transparent: { sizes: [64, 192, 512], favicons: [[48, 'favicon.ico']], padding: 0 },
					maskable: { sizes: [512], ...onRed },
					apple: { sizes: [180], ...onRed }
				}
			},
			// With ssr = false the server renders the same empty shell for every page, so the worker
			// answers every navigation with the shell of "/" (revisioned by the build's version.json).
			kit: { adapterFallback: '/', spa: true },
			workbox: {
				// Sync and session requests always go to the network and are never cached; opening
				// an /api or /sync address in a tab must not show the app either.
				navigateFallbackDenylist: [/^\/(api|sync)(\/|$)/],
				// The first visit is served from the network; claiming it at once makes that very
				// tab work offline without a reload. Updates still wait for the person (prompt).
				clientsClaim: true,
				// The QR reader's WebAssembly module too: a kiosk online once scans offline after a
				// restart. (Giving client/ a pattern replaces the plugin's default one.)
				globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,webmanifest,wasm}'],
				// Evidence files are named by their SHA-256: a cached one is never stale, and one seen
				// online shows offline. Signing out deletes the cache (evidence-cache.ts).
				runtimeCaching: [
					{
						urlPattern: ({ url, sameOrigin }) =>
							sameOrigin && url.pathname.startsWith('/api/files/'),
						handler: 'CacheFirst',
						options: {
							cacheName: EVIDENCE_CACHE,
							expiration: { maxEntries: 500 },
							cacheableResponse: { statuses: [200] }
						}
					}
				]
			}
		})
	],
	server: { port: 3000 },
	preview: { port: 3000 },
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					// Beside the app's modules, and beside the tests' own support code (the QR corpus's images).
					include: ['src/**/*.test.ts', 'tests/support/**/*.test.ts'],
					environment: 'node'
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					// Bundles the simulated devices' worker once per run (tests/support/device-bundle.ts).
					globalSetup: ['tests/support/device-bundle.ts'],
					testTimeout: 60_000,
					hookTimeout: 60_000
				}
			},
			{
				extends: true,
				test: {
					// The built app as its own processes (tests/support/built-app.ts): after `npm run build`.
					name: 'process',
					include: ['tests/process/**/*.test.ts'],
					environment: 'node',
					// The cluster test's devices (tests/support/device-bundle.ts).
					globalSetup: ['tests/support/device-bundle.ts'],
					testTimeout: 180_000,
					hookTimeout: 180_000
				}
			},
			...couchdbProjects()
		]
	}
});
