import { startBuiltApp as startApp } from '../tests/support/built-app';

export interface BuiltApp {
	url: string;
	/** The app's own process (`node build`), e.g. to read its memory and sockets in /proc. */
	pid: number;
	/** Ends the app's process; the store's folder stays. */
	stop(): Promise<void>;
}

/** A process that ignores SIGTERM this long is killed, so a bench run always ends. */
const STOP_MS = 10_000;

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
		buildDir,
		env = {}
	}: { demoData?: boolean; buildDir?: string; env?: Record<string, string> } = {}
): Promise<BuiltApp> {
	const app = await startApp({
		startMs,
		...(buildDir ? { buildDir } : {}),
		env: { DATA_DIR: dataDir, ...(demoData ? {} : { DEMO_DATA: '0' }), ...env }
	});
	return {
		url: app.url,
		pid: app.child.pid ?? 0,
		stop: async () => {
			const timer = setTimeout(() => app.child.kill('SIGKILL'), STOP_MS);
			await app.stop();
			clearTimeout(timer);
		}
	};
}
