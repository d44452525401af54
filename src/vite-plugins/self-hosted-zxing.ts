import type { Plugin } from 'vite';

/** Any address on jsDelivr, the CDN (and its Fastly mirror) zxing-wasm fetches its module from. */
export const CDN_ADDRESS = /jsdelivr\.net/;

/** zxing-wasm's default `locateFile` result: a template literal naming its module on the CDN. */
const DEFAULT_LOCATION = /`https?:\/\/[a-z.]*jsdelivr\.net\/npm\/zxing-wasm@[^`]*`/g;

/**
 * An expression that throws: were any code path to fall back on zxing-wasm's default location
 * (the app always passes its own), the module would fail to load and the scanner would say so,
 * rather than fetch from another origin.
 */
const NO_DEFAULT_LOCATION =
	'(() => { throw new Error("zxing-wasm must be given the address of its module"); })()';

/** `code` with zxing-wasm's default CDN address taken out; unchanged when it names none. */
export function stripCdnAddress(code: string): string {
	return code.replace(DEFAULT_LOCATION, NO_DEFAULT_LOCATION);
}

/** The built files (name and text) that still name the CDN. */
export function filesNamingCdn(files: Array<{ name: string; text: string }>): string[] {
	return files.filter((file) => CDN_ADDRESS.test(file.text)).map((file) => file.name);
}

/**
 * Keeps zxing-wasm to the app's own origin: its default CDN address is cut out of the package's
 * code as it is bundled, and the build fails if any emitted file still names the CDN (say, after
 * an update of the package writes it differently).
 */
export function selfHostedZxing(): Plugin {
	return {
		name: 'baodao:self-hosted-zxing',
		transform(code, id) {
			if (!CDN_ADDRESS.test(code) || !/zxing-wasm/.test(id)) return null;
			return { code: stripCdnAddress(code), map: null };
		},
		generateBundle(_options, bundle) {
			const files = Object.values(bundle).map((file) => ({
				name: file.fileName,
				text:
					file.type === 'chunk'
						? file.code
						: typeof file.source === 'string'
							? file.source
							: new TextDecoder().decode(file.source)
			}));
			const naming = filesNamingCdn(files);
			if (naming.length > 0) {
				this.error(`Built files name a public CDN (jsdelivr.net): ${naming.join(', ')}`);
			}
		}
	};
}
