import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './free-port';

/**
 * The built app (`node build`, adapter-node) as its own process, as production runs it. The tests
 * under tests/process need `npm run build` first; `BAODAO_BUILD_DIR` names another build folder.
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
}

export function buildDir(): string {
	const dir = resolve(process.env.BAODAO_BUILD_DIR ?? 'build');
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
	const child = spawn(process.execPath, [buildDir()], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: url,
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
	for (;;) {
		if (ended) throw new Error(`The app ended before it answered:\n${output}`);
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
