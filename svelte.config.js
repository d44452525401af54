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
		typescript: {
			config: (config) => {
				config.include.push('../bench/**/*.ts', '../playwright.config.ts');
			}
		}
	}
};

export default config;
