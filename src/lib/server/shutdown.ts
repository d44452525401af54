import type { BaodaoServer } from './baodao-server';

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Stops the built app within seconds of SIGTERM or SIGINT. adapter-node's own listener stops
 * taking connections and waits for the open requests before it emits `sveltekit:shutdown`; a held
 * longpoll or live stream would keep it waiting up to its SHUTDOWN_TIMEOUT (30 s by default), and
 * the store's followers would then keep the process alive. So the signal drains the server at
 * once, and the store closes after the last request.
 */
export function closeOnShutdown(app: BaodaoServer): void {
	const onSignal = (signal: NodeJS.Signals) => {
		app.drain();
		// Where nothing else handles the signal (`vite preview` on SIGINT), a listener would keep
		// the process running: the signal is raised again to its default, ending the process.
		if (process.listenerCount(signal) === 1) {
			process.off(signal, onSignal);
			process.kill(process.pid, signal);
		}
	};
	for (const signal of SIGNALS) process.on(signal, onSignal);
	process.once('sveltekit:shutdown', () => {
		app.close().catch((error: unknown) => {
			console.error('Closing the store at shutdown failed:', error);
			process.exitCode = 1;
		});
	});
}
