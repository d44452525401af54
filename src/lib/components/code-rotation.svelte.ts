import { codeWindowAt, windowEndsAt } from '$lib/domain/codes/activity-code';

/**
 * The code window a screen shows (an activity's code, a member's badge), and the seconds left in it. The window moves on by
 * a timer set to the very instant it ends, so the new code appears when members' devices start
 * expecting it; a second timer only moves the countdown.
 */
export class CodeRotation {
	window = $state(0);
	secondsLeft = $state(0);

	constructor(private readonly clock: () => number = Date.now) {
		this.update();
	}

	/** Keeps the window current until the returned function is called (an `$effect`'s cleanup). */
	run(): () => void {
		let rotate: ReturnType<typeof setTimeout> | undefined;
		let tick: ReturnType<typeof setTimeout> | undefined;
		const scheduleRotation = () => {
			rotate = setTimeout(
				() => {
					this.update();
					scheduleRotation();
				},
				Math.max(0, windowEndsAt(this.window) - this.clock())
			);
		};
		const scheduleTick = () => {
			const now = this.clock();
			tick = setTimeout(
				() => {
					this.secondsLeft = secondsLeftAt(this.clock());
					scheduleTick();
				},
				1000 - (now % 1000)
			);
		};
		this.update();
		scheduleRotation();
		scheduleTick();
		return () => {
			clearTimeout(rotate);
			clearTimeout(tick);
		};
	}

	private update() {
		const now = this.clock();
		this.window = codeWindowAt(now);
		this.secondsLeft = secondsLeftAt(now);
	}
}

/** Whole seconds until the window shown at `now` ends (30 right after it starts, 1 at its end). */
export function secondsLeftAt(now: number): number {
	return Math.ceil((windowEndsAt(codeWindowAt(now)) - now) / 1000);
}
