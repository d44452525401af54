/**
 * Service items of community cm2 and member1's claims of them (test fixtures; only `*.test.ts`
 * files import this). "Now" is plainContext's 2026-06-01T04:00Z: the project starts four days on.
 */
import { itemChannels, type ServiceItem } from '../lib/domain/marketplace/service-items';
import { claimChannels, claimYear } from '../lib/domain/marketplace/claim-channels';
import { claimId, type Claim } from '../lib/domain/marketplace/claim-record';
import { claimDecisionId, type ClaimDecision } from '../lib/domain/marketplace/claim-decisions';
import { claimStandingOf, type Standing } from '../lib/domain/marketplace/claim-standings';
import { itemTallyOf, type ShiftTally } from '../lib/domain/marketplace/item-tallies';

export const NOW = new Date('2026-06-01T04:00:00.000Z');
export const STARTS = '2026-06-05T01:00:00.000Z';
export const AFTER_START = new Date('2026-06-05T05:00:00.000Z');

export function anItem(overrides: Partial<ServiceItem> = {}): ServiceItem {
	const item: ServiceItem = {
		id: 'it-p1',
		kind: 'project',
		communityId: 'cm2',
		title: '为独居老人检修电路',
		description: '检查老旧小区独居老人家中的电路',
		skills: ['electrician'],
		fields: [],
		startsAt: STARTS,
		endsAt: '2026-06-05T04:00:00.000Z',
		place: '3号楼',
		places: 2,
		contactName: '王主任',
		state: 'open',
		createdBy: 'community2',
		createdAt: '2026-05-20T02:00:00.000Z',
		updatedAt: '2026-05-20T02:00:00.000Z',
		channels: [],
		...overrides
	};
	return { ...item, channels: itemChannels(item) };
}

export function aWish(overrides: Partial<ServiceItem> = {}): ServiceItem {
	return anItem({
		id: 'it-w1',
		kind: 'micro-wish',
		title: '一台收音机',
		startsAt: '2026-05-20T02:00:00.000Z',
		endsAt: '2026-06-30T16:00:00.000Z',
		places: 1,
		photo: 'a'.repeat(64),
		budgetYuan: 100,
		...overrides
	});
}

export function aClaim(item: ServiceItem, overrides: Partial<Claim> = {}): Claim {
	const claim: Claim = {
		id: claimId(item.id, 'm001'),
		kind: 'claim',
		itemId: item.id,
		itemKind: item.kind,
		communityId: item.communityId,
		memberId: 'm001',
		memberName: '张三',
		branchId: 'br1',
		orgId: 'org-a',
		claimedAt: '2026-06-01T03:00:00.000Z',
		state: 'claimed',
		updatedAt: '2026-06-01T03:00:00.000Z',
		channels: [],
		...overrides
	};
	return { ...claim, channels: claimChannels(claim) };
}

export function done(at = '2026-06-05T05:00:00.000Z') {
	return { at, minutes: 120, note: '已检修三户', photos: ['b'.repeat(64)] };
}

export function aTally(item: ServiceItem, tallies: ShiftTally[]) {
	return itemTallyOf(item, tallies, NOW);
}

export function aStanding(claim: Claim, standing: Standing, position?: number) {
	return claimStandingOf(claim, standing, position, NOW);
}

export function aDecision(
	claim: Claim,
	decision: ClaimDecision['decision'],
	overrides: Partial<ClaimDecision> = {}
): ClaimDecision {
	const doneAt = claim.done?.at ?? '';
	const made: ClaimDecision = {
		id: claimDecisionId(claim, doneAt),
		kind: 'claim-decision',
		claimId: claim.id,
		itemId: claim.itemId,
		memberId: claim.memberId,
		communityId: claim.communityId,
		branchId: claim.branchId,
		year: claimYear(claim),
		doneAt,
		decision,
		...(decision === 'returned' ? { reason: '照片看不清' } : {}),
		decidedBy: 'community2',
		decidedAt: '2026-06-06T02:00:00.000Z',
		channels: [],
		...overrides
	};
	return { ...made, channels: claimChannels(claim) };
}
