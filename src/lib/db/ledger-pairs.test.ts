import { describe, expect, it } from 'vitest';
import type { Actor, RoleGrant } from '../domain/access/roles';
import type { Community, Org } from '../domain/registry';
import { chooseLedger, ledgerChoices } from './ledger-pairs';

const branch = (id: string, name: string, linked?: string, parentId = 'org-a'): Org => ({
	id,
	kind: 'branch',
	name,
	parentId,
	...(linked ? { linkedCommunityId: linked } : {}),
	updatedAt: '2026-01-01T00:00:00.000Z',
	channels: ['public']
});
const community = (id: string): Community => ({
	id,
	kind: 'community',
	name: `${id} 社区`,
	updatedAt: '2026-01-01T00:00:00.000Z',
	channels: ['public']
});
const actor = (...roles: RoleGrant[]): Actor => ({ username: 'u', roles });

const orgs: Org[] = [
	{ ...branch('bureau', '住建局'), kind: 'bureau' },
	branch('br2', '第二支部', 'cm1'),
	branch('br1', '第一支部', 'cm1'),
	branch('br3', '第三支部'),
	branch('brx', '别局支部', 'cm1', 'org-b')
];
const communities = [community('cm1')];
const ids = (roles: RoleGrant[]) =>
	ledgerChoices(actor(...roles), orgs, communities).map((c) => c.branch.id);

describe('ledgerChoices', () => {
	it('gives a secretary their own branch, paired with its linked community, on the branch side', () => {
		const [own, ...rest] = ledgerChoices(
			actor({ role: 'secretary', branchId: 'br1' }),
			orgs,
			communities
		);
		expect(rest).toEqual([]);
		expect(own?.pair).toEqual({ branchId: 'br1', communityId: 'cm1', orgId: 'org-a' });
		expect(own?.community?.id).toBe('cm1');
		expect(own?.side).toBe('branch');
	});

	it('gives community staff every branch linked to their community, of any bureau, on the community side', () => {
		const choices = ledgerChoices(
			actor({ role: 'community_staff', communityId: 'cm1' }),
			orgs,
			communities
		);
		// In the directory's order, not by a collation of names.
		expect(choices.map((c) => c.branch.id)).toEqual(['br2', 'br1', 'brx']);
		expect(choices.every((c) => c.side === 'community')).toBe(true);
	});

	it('gives the office every branch of its bureau to read, without a side', () => {
		const choices = ledgerChoices(actor({ role: 'office', orgId: 'org-a' }), orgs, communities);
		expect(choices.map((c) => c.branch.id).sort()).toEqual(['br1', 'br2', 'br3']);
		expect(choices.every((c) => c.side === null)).toBe(true);
	});

	it('keeps a branch without a linked community, with no pair to keep a ledger for', () => {
		const [unlinked] = ledgerChoices(
			actor({ role: 'secretary', branchId: 'br3' }),
			orgs,
			communities
		);
		expect(unlinked?.pair).toBeNull();
		expect(unlinked?.community).toBeNull();
		expect(unlinked?.side).toBeNull();
	});

	it('lists a branch reached through two roles once, and nothing for a member', () => {
		expect(
			ids([
				{ role: 'secretary', branchId: 'br1' },
				{ role: 'community_staff', communityId: 'cm1' }
			]).filter((id) => id === 'br1')
		).toHaveLength(1);
		expect(ids([{ role: 'member' }])).toEqual([]);
	});
});

describe('chooseLedger', () => {
	const choices = ledgerChoices(
		actor({ role: 'community_staff', communityId: 'cm1' }),
		orgs,
		communities
	);
	it('opens the branch the address names, else the first, and none it does not hold', () => {
		expect(chooseLedger(choices, 'br1')?.branch.id).toBe('br1');
		expect(chooseLedger(choices, null)?.branch.id).toBe(choices[0]?.branch.id);
		expect(chooseLedger(choices, 'br9')).toBeNull();
		expect(chooseLedger([], null)).toBeNull();
	});
});
