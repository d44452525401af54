import { appendFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * With `BENCH_PROFILE=<folder>`, notes when a part of the bench runs its measured work, as lines
 * `{"name", "startUs", "endUs"}` in `<folder>/windows.jsonl` on the monotonic clock V8's CPU
 * profiles use. Run the bench with `node --cpu-prof --cpu-prof-dir=<folder>` as well and keep the
 * profile's samples inside the windows: setup and baselines drop out. Without it, this does nothing.
 * (An in-process inspector session was tried first: its own message dispatch swamped the profile.)
 */
export async function profiled<T>(name: string, run: () => Promise<T>): Promise<T> {
	const folder = process.env['BENCH_PROFILE'];
	if (!folder) return run();
	const startUs = Number(process.hrtime.bigint() / 1000n);
	try {
		return await run();
	} finally {
		const endUs = Number(process.hrtime.bigint() / 1000n);
		appendFileSync(join(folder, 'windows.jsonl'), JSON.stringify({ name, startUs, endUs }) + '\n');
	}
}
