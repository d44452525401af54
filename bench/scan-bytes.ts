import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
	file: string;
	name?: string;
	imports?: string[];
	dynamicImports?: string[];
	assets?: string[];
}

export interface RouteBytes {
	route: string;
	/** Scripts the route imports when it opens, and what its scanner fetches when it starts. */
	jsRawBytes: number;
	jsGzipBytes: number;
	wasmRawBytes: number;
	wasmGzipBytes: number;
	/** Of those, what the scanner's reader adds: its chunk and the `.wasm`. */
	readerJsGzipBytes: number;
	files: number;
}

const ROOT = new URL('../', import.meta.url).pathname;
/** The scanner's lazily loaded reader, by its chunk's name (src/lib/components/scan/qr-decoder.ts). */
const READER_CHUNK = 'zxing-wasm-reader';

/** Each file gzipped on its own at level 9, as the shell part (e) counts the home route. */
function sizes(bytes: Buffer): { raw: number; gzip: number } {
	return { raw: bytes.length, gzip: gzipSync(new Uint8Array(bytes), { level: 9 }).length };
}

/** The route ids' page nodes, from SvelteKit's generated client dictionary. */
async function routeNodes(svelteKitDir: string): Promise<Map<string, number>> {
	const app = await readFile(join(svelteKitDir, 'generated/client-optimized/app.js'), 'utf8');
	return new Map(
		[...app.matchAll(/"([^"]+)": \[~?(\d+)/g)].map(([, route = '', node = '']) => [
			route,
			Number(node)
		])
	);
}

/**
 * The JS and WebAssembly bytes of `routes` in the build at `buildDir`, from Vite's client
 * manifest: the entry, the root layout and the page with every chunk they import, and, where the
 * page holds the scanner, the reader chunk it loads when the camera starts and its `.wasm`. The
 * manifest and the route dictionary are in `svelteKitDir`, as the build left them.
 */
export async function scanRouteBytes(
	buildDir: string,
	routes: string[],
	svelteKitDir: string = join(ROOT, '.svelte-kit')
): Promise<RouteBytes[]> {
	const manifestPath = join(svelteKitDir, 'output/client/.vite/manifest.json');
	if (!existsSync(manifestPath)) throw new Error('No client build: run `npm run build` first.');
	const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<
		string,
		ManifestChunk
	>;
	const byName = (name: string) =>
		Object.entries(manifest).find(([, chunk]) => chunk.name === name)?.[0];
	const nodes = await routeNodes(svelteKitDir);
	const read = async (file: string) => sizes(await readFile(join(buildDir, 'client', file)));

	const results: RouteBytes[] = [];
	for (const route of routes) {
		const node = nodes.get(route);
		if (node === undefined) throw new Error(`No route ${route} in the build.`);
		const roots = ['entry/start', 'entry/app', 'nodes/0', `nodes/${node}`].map(byName);
		const seen = new Set<string>();
		const dynamic = new Set<string>();
		const visit = (key: string | undefined) => {
			if (!key || seen.has(key)) return;
			seen.add(key);
			for (const imported of manifest[key]?.imports ?? []) visit(imported);
			for (const imported of manifest[key]?.dynamicImports ?? []) dynamic.add(imported);
		};
		roots.forEach(visit);
		const reader = [...dynamic].find((key) => manifest[key]?.name === READER_CHUNK);
		const opened = new Set(seen);
		visit(reader);
		let jsRaw = 0;
		let jsGzip = 0;
		let readerGzip = 0;
		for (const key of seen) {
			const { raw, gzip } = await read(manifest[key]?.file ?? '');
			jsRaw += raw;
			jsGzip += gzip;
			if (!opened.has(key)) readerGzip += gzip;
		}
		let wasmRaw = 0;
		let wasmGzip = 0;
		for (const asset of reader ? (manifest[reader]?.assets ?? []) : []) {
			if (!asset.endsWith('.wasm')) continue;
			const { raw, gzip } = await read(asset);
			wasmRaw += raw;
			wasmGzip += gzip;
		}
		results.push({
			route,
			jsRawBytes: jsRaw,
			jsGzipBytes: jsGzip,
			wasmRawBytes: wasmRaw,
			wasmGzipBytes: wasmGzip,
			readerJsGzipBytes: readerGzip,
			files: seen.size
		});
	}
	return results;
}
