import type { AwardType, Nominee } from '$lib/domain/awards/awards';
import type { NominationReason, Proposal } from '$lib/domain/awards/nominations';
import type { Community, Member, MemberYearSummary, Org } from '$lib/domain/registry';
import { t } from '$lib/i18n/i18n.svelte';
import { gradeText } from '$lib/i18n/points-labels';

/** A reason as the office reads it and the award keeps it. */
export function reasonText(reason: NominationReason): string {
	switch (reason.code) {
		case 'grade':
		case 'feedback':
			return t(`awards.reason.${reason.code}`, { grade: gradeText(reason.grade) });
		case 'points':
			return t('awards.reason.points', { points: reason.points, rank: reason.rank });
		case 'hours':
			return t('awards.reason.hours', { hours: reason.hours, rank: reason.rank });
		case 'sessions':
			return t('awards.reason.sessions', { sessions: reason.sessions });
		case 'residence-services':
			return t('awards.reason.residence-services', { services: reason.services });
		case 'reported':
		case 'no-breach':
			return t(`awards.reason.${reason.code}`);
	}
}

/** Where the names a nominee is announced under come from: the office's directory and roster. */
export interface NameBook {
	members: readonly Member[];
	branches: readonly Org[];
	communities: readonly Community[];
}

/**
 * A nominee as the draft first holds them: announced name and units, a citation drafted from
 * the year (the office rewrites it), and the reasons, or "added by the office" for a pick by hand.
 */
export function nomineeOf(
	type: AwardType,
	summary: MemberYearSummary,
	proposal: Proposal | null,
	book: NameBook
): Nominee {
	const member = book.members.find((m) => m.id === summary.memberId);
	const branch = book.branches.find((b) => b.id === summary.branchId);
	const community = member?.residenceCommunityId
		? book.communities.find((c) => c.id === member.residenceCommunityId)
		: undefined;
	const hours = Math.round(summary.serviceMinutes / 6) / 10;
	return {
		memberId: summary.memberId,
		name: member?.name ?? summary.memberName,
		branchName: branch?.name ?? summary.branchId,
		...(community ? { communityName: community.name } : {}),
		citation: t(`awards.citation.${type}`, { hours, points: summary.points ?? 0 }),
		reasons: proposal ? proposal.reasons.map(reasonText) : [t('awards.reason.added')]
	};
}
