import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// Absolute asset paths: the service worker serves one cached shell for every address, and
		// relative paths in it would resolve against the address it is served for.
		paths: { relative: false },
		// Hashes, not a nonce: the service worker serves one precached shell for every page, so a
		// nonce in it would be the same on every load.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				// 'unsafe-eval': Ajv compiles the schema validators of local writes with `new Function`
				// (precompiling them at build time would let it go); 'wasm-unsafe-eval': the
				// WebAssembly code decoder.
				'script-src': ['self', 'unsafe-eval', 'wasm-unsafe-eval'],
				// Two inline style attributes, allowed by hash: app.html's `display: contents` wrapper
				// and the visually hidden `#svelte-announcer` of SvelteKit's root (sveltejs/kit#11993;
				// tests/e2e/security-headers.spec.ts notices when an upgrade changes it).
				'style-src': [
					'self',
					'unsafe-hashes',
					'sha256-tcbDxjMo+xKqM21aCGYbs/QAJqB7yUXC06oPWDapBgc=',
					'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='
				],
				// Photo previews (blob:) and images given as data: addresses.
				'img-src': ['self', 'blob:', 'data:'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
		typescript: {
			config: (config) => {
				config.include.push('../bench/**/*.ts', '../playwright.config.ts');
			}
		}
	}
};

export default config;
