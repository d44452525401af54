import { describe, expect, it } from 'vitest';
import { DECODE_SHARE, MIN_DECODE_INTERVAL_MS, startScanLoop } from './scan-loop';

/**
 * A video whose frames come when the test says, a clock the test moves, and decodes the test
 * finishes: the loop's choices are checked without real time.
 */
function harness() {
	let time = 0;
	let pendingTick: (() => void) | null = null;
	const decodes: Array<{ frame: number; finish: (text: string | null) => void; fail: () => void }> =
		[];
	const texts: string[] = [];
	let frameNumber = 0;
	const stop = startScanLoop<number>({
		atNextFrame(tick) {
			pendingTick = tick;
			return () => {
				if (pendingTick === tick) pendingTick = null;
			};
		},
		now: () => time,
		grab: () => frameNumber,
		decode: (frame) =>
			new Promise((resolve, reject) => {
				decodes.push({ frame, finish: resolve, fail: () => reject(new Error('bad frame')) });
			}),
		onText: (text) => texts.push(text)
	});
	return {
		decodes,
		texts,
		stop,
		/** A new video frame arrives `after` milliseconds later. */
		frame(after = 0) {
			time += after;
			frameNumber += 1;
			const tick = pendingTick;
			pendingTick = null;
			tick?.();
		},
		advance(ms: number) {
			time += ms;
		},
		waiting: () => pendingTick !== null
	};
}

/** Lets the loop see a finished decode (its promise callbacks run as microtasks). */
const settle = () => new Promise((resolve) => setTimeout(resolve));

describe('startScanLoop', () => {
	it('decodes a frame and reports the text it holds', async () => {
		const loop = harness();
		loop.frame();
		expect(loop.decodes.map((decode) => decode.frame)).toEqual([1]);
		loop.decodes[0]?.finish('A1~code');
		await settle();
		expect(loop.texts).toEqual(['A1~code']);
	});

	it('keeps one decode in flight, skipping the frames that arrive meanwhile', async () => {
		const loop = harness();
		loop.frame();
		loop.frame();
		loop.frame();
		expect(loop.decodes).toHaveLength(1);
		loop.decodes[0]?.finish(null);
		await settle();
		loop.frame(MIN_DECODE_INTERVAL_MS);
		expect(loop.decodes.map((decode) => decode.frame)).toEqual([1, 4]);
	});

	it('starts decodes no more often than the minimum interval', async () => {
		const loop = harness();
		loop.frame();
		loop.decodes[0]?.finish(null);
		await settle();
		loop.frame(MIN_DECODE_INTERVAL_MS - 1);
		expect(loop.decodes).toHaveLength(1);
		loop.frame(1);
		expect(loop.decodes).toHaveLength(2);
	});

	it('rests after a slow decode, so decoding keeps to its share of the main thread', async () => {
		const loop = harness();
		loop.frame();
		const took = 400;
		loop.advance(took);
		loop.decodes[0]?.finish(null);
		await settle();
		const rest = took * (1 / DECODE_SHARE - 1);
		loop.frame(rest - 1);
		expect(loop.decodes).toHaveLength(1);
		loop.frame(1);
		expect(loop.decodes).toHaveLength(2);
	});

	it('carries on after a frame that fails to decode', async () => {
		const loop = harness();
		loop.frame();
		loop.decodes[0]?.fail();
		await settle();
		loop.frame(MIN_DECODE_INTERVAL_MS);
		loop.decodes[1]?.finish('BP1~badge');
		await settle();
		expect(loop.texts).toEqual(['BP1~badge']);
	});

	it('reports nothing and waits for no frame once stopped', async () => {
		const loop = harness();
		loop.frame();
		loop.stop();
		loop.decodes[0]?.finish('A1~late');
		await settle();
		expect(loop.texts).toEqual([]);
		expect(loop.waiting()).toBe(false);
	});
});
