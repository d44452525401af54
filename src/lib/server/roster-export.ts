import { maskMobile } from '../domain/roster/mobile-numbers';
import type { ExportedMember } from '../domain/roster/exported-member';
import type { ExistingState } from './roster-existing';

export type { ExportedMember } from '../domain/roster/exported-member';

const collator = new Intl.Collator('zh-CN');

/** The bureau's members, by branch then name; no ID numbers at all. */
export function exportedMembers(state: ExistingState): ExportedMember[] {
	const { communities, orgs, members } = state.existing;
	const places = new Map(communities.map((place) => [place.id, place]));
	const branches = new Map(orgs.filter((org) => org.kind === 'branch').map((org) => [org.id, org]));
	const residenceOf = (id: string | undefined) => {
		const community = id ? places.get(id) : undefined;
		if (!community) return '';
		const street = community.parentId ? places.get(community.parentId) : undefined;
		return street ? `${street.name}/${community.name}` : community.name;
	};
	const rows = members.map(({ member, contact, account }) => {
		const branch = branches.get(member.branchId);
		const secretary =
			branch?.secretaryMemberId === member.id ||
			(account?.roles ?? []).some(
				(grant) => grant.role === 'secretary' && grant.branchId === member.branchId
			);
		return {
			name: member.name,
			branch: branch?.name ?? '',
			mobile: contact?.phone ? maskMobile(contact.phone) : '',
			residence: residenceOf(member.residenceCommunityId),
			roles: secretary ? '党员、支部书记' : '党员',
			username: account?.username ?? '',
			activated: state.activated.has(member.id)
		};
	});
	return rows.sort(
		(a, b) => collator.compare(a.branch, b.branch) || collator.compare(a.name, b.name)
	);
}
