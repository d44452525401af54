import type { Community, Contact, Member, Org } from '../domain/registry';
import { withChannels } from '../domain/access/write-policy';
import type { Availability } from '../domain/people/members';
import type { VocabularyKind } from '../domain/people/profile-vocabulary';
import { currentTime } from './clock';
import { signedInDevice } from './device-context.svelte';
import { communitiesWhere, orgById } from './directory';
import { ownFields, writeChecked } from './local-write';
import { observe } from './observe.svelte';
import { plainDoc } from './plain-docs';
import type { WriteOutcome } from './write-outcome';
import { contactDoc } from './contact-docs';

/** A member's contact document (their phone), when this device may hold it. */
export function observeContact(memberId: () => string): { readonly current: Contact | null } {
	const device = signedInDevice();
	return observe(() => device.db.contacts.findOne(memberId()).$.pipe(contactDoc()), null);
}

/** A member's profile, contact and branch, and the communities to choose a residence from, live. */
export function observeProfile(memberId: () => string) {
	const device = signedInDevice();
	const member = observe(
		() => device.db.members.findOne(memberId()).$.pipe(plainDoc<Member>()),
		null
	);
	const contact = observeContact(memberId);
	const communities = observe(() => communitiesWhere(device.db), []);
	const branch = observe(() => {
		const branchId = member.current?.branchId;
		return branchId ? orgById(device.db, branchId) : null;
	}, null);
	return {
		get member(): Member | null {
			return member.current;
		},
		get contact(): Contact | null {
			return contact.current;
		},
		get branch(): Org | null {
			return branch.current;
		},
		get communities(): Community[] {
			return communities.current;
		}
	};
}

/** What a member edits of their profile, checked and normalised by the form. */
export interface ProfileEdits {
	name: string;
	/** A normalised mobile number, or empty when none is given. */
	phone: string;
	residenceCommunityId: string | undefined;
	tags: Record<VocabularyKind, string[]>;
	background: string;
	/** When the member is free to serve (the marketplace ranks by it). */
	availability: Availability[];
}

/** Saving the signed-in member's profile. Call during component initialisation. */
export function profileActions() {
	const device = signedInDevice();
	return {
		/**
		 * Stores the profile, and the contact when a phone is given and it or the residence changed:
		 * the contact's channels follow the residence.
		 */
		saveProfile: (
			member: Member,
			edits: ProfileEdits,
			contact: Contact | null
		): Promise<WriteOutcome> => {
			const now = currentTime().toISOString();
			const residence = edits.residenceCommunityId;
			const rest = ownFields(member);
			delete rest.residenceCommunityId;
			const nextMember: Member = withChannels('members', {
				...rest,
				name: edits.name.trim(),
				...(residence ? { residenceCommunityId: residence } : {}),
				skills: edits.tags.skill,
				professions: edits.tags.profession,
				interests: edits.tags.interest,
				background: edits.background.trim(),
				// A copy: the form's list is reactive state, which the replica cannot store or broadcast.
				availability: [...edits.availability],
				updatedAt: now
			});
			const contactChanged =
				edits.phone !== '' &&
				(contact?.phone !== edits.phone || contact.residenceCommunityId !== residence);
			return device.write(async (db, actor) => {
				await writeChecked(db, 'members', actor, nextMember);
				if (!contactChanged) return;
				const nextContact: Contact = withChannels('contacts', {
					id: member.id,
					memberId: member.id,
					branchId: member.branchId,
					...(residence ? { residenceCommunityId: residence } : {}),
					phone: edits.phone,
					...(contact?.idNumber ? { idNumber: contact.idNumber } : {}),
					updatedAt: now,
					channels: []
				});
				await writeChecked(db, 'contacts', actor, nextContact);
			});
		}
	};
}
