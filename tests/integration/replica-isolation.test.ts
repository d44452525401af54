import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memberContactIds } from '../support/factories';
import { World } from '../support/world';

describe('a device holds exactly what its user may see', () => {
	let world: World;
	beforeEach(async () => {
		world = await World.start(['member1', 'member2', 'secretary1']);
	});
	afterEach(async () => {
		await world.close();
	});

	it('gives a member their own private documents and none of another member', async () => {
		const member = await world.device('member1');
		await member.sync();
		expect(await memberContactIds(member)).toEqual(['m001']);
		// Besides: residents' contacts shared for the member's own claims holding a place, only.
		const shared = (await member.find('contacts')).filter((doc) => 'kind' in doc);
		expect(shared.length).toBeGreaterThan(0);
		expect(shared.every((doc) => doc.kind === 'resident-share' && doc.memberId === 'm001')).toBe(
			true
		);
		expect(await member.ids('members')).toEqual(['m001']);
		// Reports and, since issue 17, service records: all of them the member's own (no branch report).
		const reports = await member.find('reports');
		expect(reports.length).toBeGreaterThan(0);
		expect(reports.every((doc) => 'memberId' in doc && doc.memberId === 'm001')).toBe(true);
		const directory = await member.find('directory');
		const count = (...kinds: string[]) => directory.filter((d) => kinds.includes(d.kind)).length;
		// Both demo bureaus' organisations: the directory is public.
		expect(count('bureau', 'branch')).toBe(10);
		expect(count('county', 'street', 'community')).toBe(11);
	});

	it('gives a branch secretary the whole branch, contacts included, and nothing of other branches', async () => {
		const secretary = await world.device('secretary1');
		await secretary.sync();
		const members = await secretary.ids('members');
		expect(members).toHaveLength(21);
		expect(await secretary.ids('contacts')).toEqual(members);
		const reports = await secretary.find('reports');
		expect(reports.length).toBeGreaterThan(0);
		expect(reports.every((r) => r.branchId === 'br1')).toBe(true);
	});
});
