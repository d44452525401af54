import { describe, expect, it } from 'vitest';
import { RepeatGuard } from './repeat-guard';

function guardAt(start = 1_000) {
	const clock = { now: start };
	return { clock, guard: new RepeatGuard(3000, () => clock.now) };
}

describe('RepeatGuard', () => {
	it('admits a text the first time', () => {
		const { guard } = guardAt();
		expect(guard.admit('badge-1')).toBe(true);
	});

	it('ignores the same text read again within three seconds', () => {
		const { clock, guard } = guardAt();
		guard.admit('badge-1');
		clock.now += 500;
		expect(guard.admit('badge-1')).toBe(false);
		clock.now += 2499;
		expect(guard.admit('badge-1')).toBe(false);
	});

	it('admits the same text again three seconds after it was handled', () => {
		const { clock, guard } = guardAt();
		guard.admit('badge-1');
		clock.now += 1000;
		guard.admit('badge-1');
		clock.now += 2000;
		expect(guard.admit('badge-1')).toBe(true);
	});

	it('admits another text at once', () => {
		const { clock, guard } = guardAt();
		guard.admit('badge-1');
		clock.now += 100;
		expect(guard.admit('badge-2')).toBe(true);
	});

	it('still ignores a text seen shortly before another one', () => {
		const { clock, guard } = guardAt();
		guard.admit('badge-1');
		clock.now += 100;
		guard.admit('badge-2');
		clock.now += 100;
		expect(guard.admit('badge-1')).toBe(false);
	});
});
