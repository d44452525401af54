import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Plugin } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfHostedZxing } from '../../src/vite-plugins/self-hosted-zxing';

const ROOT = new URL('../../', import.meta.url).pathname;
// Never written to disk: the plugin below answers for it.
const ENTRY = join(ROOT, 'reader-entry.js');
let work: string;

/** A module of the project's root that imports zxing-wasm's reader as the scanner does. */
const readerEntry: Plugin = {
	name: 'reader-entry',
	resolveId: (id) => (id === ENTRY ? ENTRY : null),
	load: (id) =>
		id === ENTRY ? "export { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';" : null
};

beforeAll(async () => {
	work = await mkdtemp(join(tmpdir(), 'baodao-zxing-build-'));
});

afterAll(async () => {
	await rm(work, { recursive: true, force: true });
});

/** Bundles zxing-wasm's reader as the app does, with `plugin`; answers the built text. */
async function bundleReader(plugin: Plugin): Promise<string> {
	const outDir = join(work, 'out');
	await build({
		root: ROOT,
		configFile: false,
		logLevel: 'silent',
		plugins: [readerEntry, plugin],
		build: {
			outDir,
			emptyOutDir: true,
			lib: { entry: ENTRY, formats: ['es'], fileName: 'reader' }
		}
	});
	const files = await readdir(outDir);
	const texts = await Promise.all(files.map((file) => readFile(join(outDir, file), 'utf8')));
	return texts.join('\n');
}

describe('the build of zxing-wasm', () => {
	it('holds no CDN address, so no code path can fetch from one', async () => {
		const built = await bundleReader(selfHostedZxing());
		expect(built).toContain('readBarcodesFromPixmap');
		expect(built).not.toMatch(/jsdelivr/);
	});

	it('fails, naming the CDN, when the address is left in', async () => {
		const checkOnly = { ...selfHostedZxing(), transform: undefined };
		await expect(bundleReader(checkOnly)).rejects.toThrow(/public CDN \(jsdelivr\.net\)/);
	});
});
