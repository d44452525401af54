import type { Observable } from 'rxjs';

/** The latest value of an RxJS observable (e.g. an RxDB query) as reactive state. */
export function observe<T>(
	source: () => Observable<T> | null | undefined,
	initial: T
): { readonly current: T } {
	let current = $state.raw(initial);
	$effect(() => {
		const observable = source();
		if (!observable) return;
		const subscription = observable.subscribe((value) => (current = value));
		return () => subscription.unsubscribe();
	});
	return {
		get current() {
			return current;
		}
	};
}
