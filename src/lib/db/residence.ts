import type { Actor } from '../domain/access/roles';
import { withChannels } from '../domain/access/write-policy';
import type { BaodaoDatabase } from './database';
import { ownFields, writeChecked } from './local-write';

/**
 * Records where a member lives: their profile, and their contact document, whose channels follow
 * the residence so the new community's staff can reach them and the old one's no longer can.
 */
export async function moveResidence(
	db: BaodaoDatabase,
	actor: Actor,
	memberId: string,
	communityId: string,
	now: Date
): Promise<void> {
	const member = await db.members.findOne(memberId).exec();
	if (!member || member.residenceCommunityId === communityId) return;
	const at = now.toISOString();
	await writeChecked(
		db,
		'members',
		actor,
		withChannels('members', {
			...ownFields(member.toMutableJSON()),
			residenceCommunityId: communityId,
			updatedAt: at
		})
	);
	const contact = await db.contacts.findOne(memberId).exec();
	if (!contact) return;
	await writeChecked(
		db,
		'contacts',
		actor,
		withChannels('contacts', {
			...ownFields(contact.toMutableJSON()),
			residenceCommunityId: communityId,
			updatedAt: at
		})
	);
}
