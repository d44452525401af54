import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CODE_WINDOW_MS } from '$lib/domain/codes/activity-code';
import { CodeRotation, secondsLeftAt } from './code-rotation.svelte';

const WINDOW = 58_000_000;
const start = WINDOW * CODE_WINDOW_MS;

describe('secondsLeftAt', () => {
	it('counts 30 at the start of a window and 1 in its last second', () => {
		expect(secondsLeftAt(start)).toBe(30);
		expect(secondsLeftAt(start + 1)).toBe(30);
		expect(secondsLeftAt(start + 29_000)).toBe(1);
		expect(secondsLeftAt(start + 29_999)).toBe(1);
	});
});

describe('CodeRotation', () => {
	beforeEach(() => vi.useFakeTimers({ now: start + 12_500 }));
	afterEach(() => vi.useRealTimers());

	it('moves to the next window exactly when the current one ends', () => {
		const rotation = new CodeRotation();
		const stop = rotation.run();
		expect(rotation.window).toBe(WINDOW);
		expect(rotation.secondsLeft).toBe(18);
		vi.advanceTimersByTime(17_499);
		expect(rotation.window).toBe(WINDOW);
		expect(rotation.secondsLeft).toBe(1);
		vi.advanceTimersByTime(1);
		expect(rotation.window).toBe(WINDOW + 1);
		expect(rotation.secondsLeft).toBe(30);
		vi.advanceTimersByTime(CODE_WINDOW_MS);
		expect(rotation.window).toBe(WINDOW + 2);
		stop();
	});

	it('stops when its run is ended', () => {
		const rotation = new CodeRotation();
		rotation.run()();
		vi.advanceTimersByTime(CODE_WINDOW_MS * 2);
		expect(rotation.window).toBe(WINDOW);
	});
});
