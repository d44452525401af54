/**
 * Members, reports and reviews for the reporting tests (test fixtures; only `*.test.ts` files
 * import this). Branch br1 of org-a is linked to community cm1.
 */
import type { Member, Org, Report, Review } from '../lib/domain/registry';
import { reportToSubmit, reviewOf } from '../lib/domain/reporting/report-drafts';

export const T0 = new Date('2024-05-01T09:00:00.000Z');
export const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

export function aMember(id: string, overrides: Partial<Member> = {}): Member {
	return {
		id,
		orgId: 'org-a',
		branchId: 'br1',
		name: `党员${id}`,
		residenceCommunityId: 'cm2',
		skills: [],
		interests: [],
		duties: [],
		updatedAt: T0.toISOString(),
		channels: [],
		...overrides
	};
}

export function aBranch(id: string, name: string, linkedCommunityId?: string): Org {
	return {
		id,
		kind: 'branch',
		name,
		parentId: 'org-a',
		...(linkedCommunityId ? { linkedCommunityId } : {}),
		updatedAt: T0.toISOString(),
		channels: ['public']
	};
}

export function reported(member: Member, kind: Report['kind'] = 'residence'): Report {
	const communityId = kind === 'residence' ? (member.residenceCommunityId ?? 'cm2') : 'cm1';
	return reportToSubmit({ member, kind, communityId, existing: null, note: '', now: T0 });
}

export const confirm = (report: Report): Review =>
	reviewOf(report, 'community2', { decision: 'confirmed' }, later(60));

export const giveBack = (report: Report, reason = '请补充联系方式'): Review =>
	reviewOf(report, 'community2', { decision: 'returned', reason }, later(60));
