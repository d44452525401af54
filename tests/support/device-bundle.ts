import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		/** The file URL of the bundled device worker (see `bundleDeviceWorker`). */
		deviceWorkerBundle: string;
	}
}

const ENTRY = fileURLToPath(new URL('./device-worker.ts', import.meta.url));

/**
 * Bundles device-worker.ts, the app's sources it imports and the packages they use (RxDB, rxjs,
 * Ajv) into one ES module in `dir`, with a source map. A worker thread loads that one file in about
 * a tenth of a second, instead of half a second or more for the hundreds of files of the packages
 * (and several seconds through tsx's module hooks, the other way to run TypeScript in a worker).
 */
export async function bundleDeviceWorker(dir: string): Promise<string> {
	const outfile = join(dir, 'device-worker.mjs');
	await build({
		entryPoints: [ENTRY],
		outfile,
		bundle: true,
		format: 'esm',
		platform: 'node',
		target: 'node20',
		sourcemap: 'linked',
		sourcesContent: false,
		logLevel: 'warning',
		// Packages written as CommonJS require Node's built-in modules.
		banner: {
			js: "import { createRequire as createRequireForBundle } from 'node:module';\nconst require = createRequireForBundle(import.meta.url);"
		}
	});
	return pathToFileURL(outfile).href;
}

/**
 * Vitest global setup of the integration project: bundles the device worker once per run (again
 * when watch mode reruns tests) and removes it at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const dir = await mkdtemp(join(tmpdir(), 'baodao-devices-'));
	project.provide('deviceWorkerBundle', await bundleDeviceWorker(dir));
	project.onTestsRerun(async () => {
		project.provide('deviceWorkerBundle', await bundleDeviceWorker(dir));
	});
	return () => rm(dir, { recursive: true, force: true });
}
