import { describe, expect, it } from 'vitest';
import { owner, secretary } from '../../../test-data/test-actors';
import { NO_REACH, channelsForActor } from './channels';
import type { Actor } from './roles';

/**
 * Cases found by mutation testing (docs/testing.md): each pins a behaviour of channels.ts that a
 * mutant changed without any other test noticing.
 */

const NOW = new Date('2026-06-01T00:00:00.000Z');

describe('channelsForActor, as mutation testing probed it', () => {
	it('grants no branch members’ channel to a member whose account names no branch', () => {
		const unplaced: Actor = { username: 'member9', memberId: 'm009', roles: [{ role: 'member' }] };
		const granted = channelsForActor(unplaced, NO_REACH, NOW);
		expect(granted.filter((c) => c.startsWith('branch-members:'))).toEqual([]);
		expect(granted).toContain('member:m009');
	});

	it('grants no community members’ channel when the reach is empty', () => {
		for (const actor of [owner, secretary]) {
			const granted = channelsForActor(actor, NO_REACH, NOW);
			expect(granted.filter((c) => c.startsWith('community-members:'))).toEqual([]);
		}
	});
});
