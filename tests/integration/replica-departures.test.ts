import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withChannels } from '../../src/lib/domain/access/write-policy';
import { isContact } from '../../src/lib/domain/people/contacts';
import { World } from '../support/world';

describe('a document that leaves a channel leaves the devices that held it through it', () => {
	let world: World;
	beforeEach(async () => {
		world = await World.start(['member1', 'community1']);
	});
	afterEach(async () => {
		await world.close();
	});

	it("takes a member's phone number off the old community's device when the member moves", async () => {
		const staff = await world.device('community1');
		const member = await world.device('member1');
		await Promise.all([staff.sync(), member.sync()]);
		expect(await staff.ids('contacts')).toContain('m001');

		const contact = await member.findOne('contacts', 'm001');
		const moved = withChannels('contacts', { ...contact!, residenceCommunityId: 'cm2' });
		await member.incrementalPatch('contacts', 'm001', {
			residenceCommunityId: 'cm2',
			channels: moved.channels
		});
		await member.sync();

		await staff.sync();
		expect(await staff.ids('contacts')).not.toContain('m001');
		// The member still has it, with the new residence.
		const own = await member.findOne('contacts', 'm001');
		expect(own && isContact(own) ? own.residenceCommunityId : null).toBe('cm2');

		// Moving back brings it back.
		await member.incrementalPatch('contacts', 'm001', {
			residenceCommunityId: 'cm1',
			channels: withChannels('contacts', { ...own!, residenceCommunityId: 'cm1' }).channels
		});
		await member.sync();
		await staff.sync();
		expect(await staff.ids('contacts')).toContain('m001');
	});
});
