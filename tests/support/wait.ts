import { filter, firstValueFrom, timeout, type Observable } from 'rxjs';

/** Waits for an observable to emit a value that satisfies `test` (no polling, no sleeps). */
export function until<T>(
	source: Observable<T>,
	test: (value: T) => boolean,
	ms = 20_000
): Promise<T> {
	return firstValueFrom(source.pipe(filter(test), timeout(ms)));
}
