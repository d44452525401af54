import { performance } from 'node:perf_hooks';

/** Milliseconds since `start` (a `performance.now()` reading). */
export function since(start: number): number {
	return performance.now() - start;
}

export function log(message: string): void {
	const at = new Date().toISOString().slice(11, 19);
	console.log(`[bench ${at}] ${message}`);
}

/** Rejects with a named error when `promise` takes longer than `ms`: every wait in the bench is bounded. */
export async function withTimeout<T>(what: string, ms: number, promise: Promise<T>): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms);
	});
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

/** Checks `test` every `everyMs` until it holds; throws after `timeoutMs`. */
export async function waitFor(
	what: string,
	test: () => boolean | Promise<boolean>,
	timeoutMs: number,
	everyMs = 5
): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	while (!(await test())) {
		if (performance.now() > deadline)
			throw new Error(`${what}: not reached within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, everyMs));
	}
}

export function median(values: readonly number[]): number {
	return percentile(values, 50);
}

/** Nearest-rank percentile (p in 0..100) of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
	return sorted[Math.min(rank, sorted.length) - 1] ?? Number.NaN;
}

export function max(values: readonly number[]): number {
	return values.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
}

export function fmtMs(ms: number): string {
	if (!Number.isFinite(ms)) return String(ms);
	return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
}

export function fmtKB(bytes: number): string {
	return `${(bytes / 1000).toFixed(1)} KB`;
}

export function fmtMB(bytes: number): string {
	return `${(bytes / 1e6).toFixed(1)} MB`;
}

export function fmtList(values: readonly number[]): string {
	return values.map((v) => v.toFixed(0)).join(', ');
}

/** Yields `items` in slices of `size`. */
export function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
	for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
