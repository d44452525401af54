import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CDN_ADDRESS, filesNamingCdn, stripCdnAddress } from './self-hosted-zxing';

/** zxing-wasm's own shared code, as the build reads it from node_modules. */
const packageCode = readFileSync(
	join(dirname(createRequire(import.meta.url).resolve('zxing-wasm/reader')), '..', 'share.js'),
	'utf8'
);

describe('stripCdnAddress', () => {
	it('takes the CDN address out of the zxing-wasm the app bundles', () => {
		expect(packageCode).toMatch(CDN_ADDRESS);
		const stripped = stripCdnAddress(packageCode);
		expect(stripped).not.toMatch(CDN_ADDRESS);
		expect(stripped).toContain('zxing-wasm must be given the address of its module');
	});

	it('leaves code without the address alone', () => {
		const code = 'export const answer = `https://example.org/${name}`;';
		expect(stripCdnAddress(code)).toBe(code);
	});
});

describe('filesNamingCdn', () => {
	it('names the built files that still hold a jsDelivr address, on either host', () => {
		expect(
			filesNamingCdn([
				{ name: 'a.js', text: 'fetch("https://cdn.jsdelivr.net/npm/x")' },
				{ name: 'b.js', text: 'fetch("/_app/immutable/assets/zxing_reader.wasm")' },
				{ name: 'c.js', text: '"https://fastly.jsdelivr.net/npm/zxing-wasm@3.1.6/dist/"' }
			])
		).toEqual(['a.js', 'c.js']);
	});
});
