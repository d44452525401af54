/**
 * Keeps the screen on while a code is being shown, where the browser offers the Screen Wake Lock
 * API. Browsers drop the lock whenever the page is hidden, so it is taken again on return.
 * Returns the function that lets the screen sleep again.
 */
export function holdScreenAwake(): () => void {
	if (!('wakeLock' in navigator)) return () => {};
	let lock: WakeLockSentinel | null = null;
	let held = true;

	async function take() {
		try {
			const taken = await navigator.wakeLock.request('screen');
			if (held) lock = taken;
			else await taken.release();
		} catch {
			// Refused (low battery, hidden page, policy): the screen may dim, nothing breaks.
		}
	}
	function retake() {
		if (document.visibilityState === 'visible') void take();
	}

	void take();
	document.addEventListener('visibilitychange', retake);
	return () => {
		held = false;
		document.removeEventListener('visibilitychange', retake);
		void lock?.release().catch(() => {});
		lock = null;
	};
}
