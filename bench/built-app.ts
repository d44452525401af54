import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { waitFor } from './support';

const ROOT = new URL('../', import.meta.url).pathname;

export interface BuiltApp {
	url: string;
	/** The app's own process (`node build`), e.g. to read its memory and sockets in /proc. */
	pid: number;
	/** Ends the app's process; the store's folder stays. */
	stop(): Promise<void>;
}

async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	await new Promise((resolve) => server.close(resolve));
	if (address === null || typeof address === 'string') throw new Error('No free port found.');
	return address.port;
}

/**
 * `node build` (as `npm start` runs it) on the embedded store in `dataDir`, with the demo data
 * only when asked; resolves once it answers, which is after its start-up (`hooks.server.ts` `init`).
 * `buildDir` runs another build instead, e.g. a copy of an earlier version's.
 */
export async function startBuiltApp(
	dataDir: string,
	startMs: number,
	{
		demoData = false,
		buildDir = join(ROOT, 'build'),
		env = {}
	}: { demoData?: boolean; buildDir?: string; env?: Record<string, string> } = {}
): Promise<BuiltApp> {
	if (!existsSync(join(buildDir, 'index.js'))) {
		throw new Error(
			`The bench measures the built app: no ${buildDir}/index.js, run \`npm run build\`.`
		);
	}
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, [buildDir], {
		cwd: ROOT,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			...(demoData ? {} : { DEMO_DATA: '0' }),
			ORIGIN: url,
			BODY_SIZE_LIMIT: '8M',
			...env
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	await waitFor(
		'the built app answering',
		() =>
			fetch(`${url}/api/session`).then(
				() => true,
				() => false
			),
		startMs,
		200
	);
	return {
		url,
		pid: child.pid ?? 0,
		stop: async () => {
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
			await exited;
			clearTimeout(timer);
		}
	};
}
