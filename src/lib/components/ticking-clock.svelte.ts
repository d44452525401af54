import { currentTime } from '$lib/db/clock';

/**
 * The time, moved on every `everyMs` while the component that asked lives: screens whose state
 * turns with the clock (check-in opening, "reminded today", an activity ending) stay true when left
 * open. Call during component initialisation.
 */
export function tickingNow(everyMs: number): { readonly current: Date } {
	let now = $state(currentTime());
	$effect(() => {
		const timer = setInterval(() => (now = currentTime()), everyMs);
		return () => clearInterval(timer);
	});
	return {
		get current() {
			return now;
		}
	};
}
