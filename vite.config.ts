import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';

/** The header colour: the installed app's title bar and the icons' ground. */
const BRAND_RED = '#c8102e';
const onRed = { padding: 0, resizeOptions: { fit: 'contain', background: BRAND_RED } } as const;

export default defineConfig({
	plugins: [
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
				clientsClaim: true
			}
		})
	],
	server: { port: 3000 },
	preview: { port: 3000 },
	test: {
		projects: [
			{
				extends: true,
				test: { name: 'unit', include: ['src/**/*.test.ts'], environment: 'node' }
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
			}
		]
	}
});
