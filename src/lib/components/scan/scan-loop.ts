/** What the scan loop needs from the page around it; the browser's in the scanner, fakes in tests. */
export interface ScanLoopSurroundings<F> {
	/** Calls `tick` once at the next video frame (or screen refresh); returns what cancels it. */
	atNextFrame(tick: () => void): () => void;
	/** Milliseconds from any fixed origin. */
	now(): number;
	/** The current frame, or null while the video has no picture yet. */
	grab(): F | null;
	decode(frame: F): Promise<string | null>;
	onText(text: string): void;
}

/**
 * Decoding starts at most this often: ten frames a second find a code held up within a moment,
 * and a camera delivers far more frames than that.
 */
export const MIN_DECODE_INTERVAL_MS = 100;
/**
 * The largest share of the main thread that decoding may take: after a decode that took `d`
 * milliseconds the loop rests at least as long again, so a slow phone stays responsive to touch
 * and keeps drawing the preview, at the cost of fewer frames read.
 */
export const DECODE_SHARE = 0.5;

/**
 * Decodes frames continuously, one at a time: frames that arrive while a decode is in flight, or
 * before the frame budget above allows the next one, are skipped. A frame that fails to decode
 * (an error, not just no code) is skipped too: the next one may well be read. Returns the
 * function that stops the loop; nothing is reported after it is called.
 */
export function startScanLoop<F>(around: ScanLoopSurroundings<F>): () => void {
	let stopped = false;
	let busy = false;
	let nextStart = -Infinity;
	let cancel = around.atNextFrame(tick);

	function tick() {
		if (stopped) return;
		cancel = around.atNextFrame(tick);
		if (busy || around.now() < nextStart) return;
		const frame = around.grab();
		if (frame === null) return;
		busy = true;
		const started = around.now();
		around
			.decode(frame)
			.then(
				(text) => {
					if (text !== null && !stopped) around.onText(text);
				},
				() => {}
			)
			.finally(() => {
				busy = false;
				const ended = around.now();
				const rest = (ended - started) * (1 / DECODE_SHARE - 1);
				nextStart = Math.max(started + MIN_DECODE_INTERVAL_MS, ended + rest);
			});
	}

	return () => {
		stopped = true;
		cancel();
	};
}
