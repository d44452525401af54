import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port';

/**
 * The built app (`node build`, adapter-node) as its own process, as production runs it — for the
 * tests under tests/process and for the benchmarks (bench/built-app.ts). It needs `npm run build`
 * first; `BAODAO_BUILD_DIR` (or the `buildDir` option) names another build folder.
 */
export interface BuiltApp {
	url: string;
	child: ChildProcess;
	/** Resolves with the exit code (or signal) once the process has ended. */
	exited: Promise<number | NodeJS.Signals>;
	/** Sends `signal` and waits for the exit. */
	stop(signal?: NodeJS.Signals): Promise<number | NodeJS.Signals>;
}

export interface BuiltAppOptions {
	/** Environment beyond PORT, HOST and ORIGIN (e.g. COUCHDB_URL, DATA_DIR, DEMO_DATA). */
	env?: Record<string, string>;
	/** Another build to run, e.g. a copy of an earlier version's. */
	buildDir?: string;
	/** How long it may take to answer before the start counts as failed (default: no limit). */
	startMs?: number;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function buildDir(dir = resolve(ROOT, process.env.BAODAO_BUILD_DIR ?? 'build')): string {
	if (!existsSync(join(dir, 'index.js'))) {
		throw new Error(`No built app in ${dir}: run \`npm run build\` before these tests.`);
	}
	return dir;
}

/** Starts the built app and resolves once it answers (`/api/session` answers 401 when up). */
export async function startBuiltApp(options: BuiltAppOptions = {}): Promise<BuiltApp> {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const ownDataDir =
		options.env?.DATA_DIR || options.env?.COUCHDB_URL
			? undefined
			: await mkdtemp(join(tmpdir(), 'baodao-app-'));
	const child = spawn(process.execPath, [buildDir(options.buildDir)], {
		cwd: ROOT,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			// As `npm start` runs it.
			BODY_SIZE_LIMIT: '11M',
			...(ownDataDir ? { DATA_DIR: ownDataDir } : {}),
			...options.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const keep = (chunk: Buffer) => {
		output = (output + chunk.toString()).slice(-4000);
	};
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	const exited = once(child, 'exit').then(async ([code, signal]) => {
		if (ownDataDir) await rm(ownDataDir, { recursive: true, force: true });
		return (code ?? signal) as number | NodeJS.Signals;
	});
	let ended = false;
	void exited.then(() => (ended = true));
	const deadline = performance.now() + (options.startMs ?? Infinity);
	for (;;) {
		if (ended) throw new Error(`The app ended before it answered:\n${output}`);
		if (performance.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`The app did not answer within ${options.startMs} ms:\n${output}`);
		}
		const answer = await fetch(`${url}/api/session`).catch(() => null);
		if (answer) break;
		await new Promise((done) => setTimeout(done, 100));
	}
	return {
		url,
		child,
		exited,
		stop(signal = 'SIGTERM') {
			if (!ended) child.kill(signal);
			return exited;
		}
	};
}
