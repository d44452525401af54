import { map } from 'rxjs';
import type {
	ActivitiesDoc,
	AttendanceDoc,
	Community,
	ContactsDoc,
	Member,
	Org
} from '../domain/registry';
import { withChannels } from '../domain/access/write-policy';
import {
	cancelProblem,
	claimProblem,
	claimStatus,
	currentDecision,
	markDoneProblem,
	markedDone,
	type ClaimProblem,
	type ClaimStatus
} from '../domain/marketplace/claim-lifecycle';
import { cancelledClaim, newClaim } from '../domain/marketplace/claim-drafts';
import type { ClaimDecision } from '../domain/marketplace/claim-decisions';
import type { ClaimStanding } from '../domain/marketplace/claim-standings';
import type { Claim } from '../domain/marketplace/claim-record';
import { isItemTally, type ItemTally } from '../domain/marketplace/item-tallies';
import { rankItems, type RankedItem } from '../domain/marketplace/ranking';
import { residentShareId, type ResidentShare } from '../domain/marketplace/residents';
import { ITEM_KINDS, isServiceItem, type ServiceItem } from '../domain/marketplace/service-items';
import { currentTime } from './clock';
import { signedInDevice } from './device-context.svelte';
import { communitiesWhere, orgById } from './directory';
import { queueEvidence, type PreparedEvidence } from './evidence.svelte';
import { writeChecked } from './local-write';
import { observe } from './observe.svelte';
import { plainDoc, plainDocs } from './plain-docs';
import type { WriteOutcome } from './write-outcome';

/** A member's claim with the server's word on its place and the community's on its work. */
export interface OwnClaim {
	claim: Claim;
	standing: ClaimStanding | null;
	decisions: ClaimDecision[];
	status: ClaimStatus;
	/** The decision on the current done version, if the community gave one. */
	decision: ClaimDecision | null;
}

/** What an action on a claim came to: refused by the scheme's rules first, or the write's outcome. */
export type ClaimOutcome = { kind: 'problem'; problem: ClaimProblem } | WriteOutcome;

function byKind<K extends 'claim' | 'claim-standing' | 'claim-decision'>(
	docs: readonly AttendanceDoc[],
	kind: K
): Extract<AttendanceDoc, { kind: K }>[] {
	return docs.filter((doc): doc is Extract<AttendanceDoc, { kind: K }> => doc.kind === kind);
}

/**
 * The member's side of the marketplace, live from the replica: the open items of their
 * communities ranked by fit (ranking.ts), the server's tallies, and the member's own claims.
 */
export function observeMarketplace() {
	const device = signedInDevice();
	const memberId = () => device.actor.memberId;
	const docs = observe(
		() =>
			device.db.activities
				.find({ selector: { kind: { $in: [...ITEM_KINDS, 'item-tally'] } } })
				.$.pipe(plainDocs<ActivitiesDoc>()),
		[]
	);
	const member = observe(() => {
		const id = memberId();
		return id ? device.db.members.findOne(id).$.pipe(plainDoc<Member>()) : null;
	}, null);
	const branch = observe(() => {
		const id = member.current?.branchId ?? device.actor.branchId;
		return id ? orgById(device.db, id) : null;
	}, null);
	const communities = observe(() => communitiesWhere(device.db), []);
	const own = observe(() => {
		const id = memberId();
		return id
			? device.db.attendance
					.find({
						selector: { memberId: id, kind: { $in: ['claim', 'claim-standing', 'claim-decision'] } }
					})
					.$.pipe(plainDocs<AttendanceDoc>())
			: null;
	}, []);

	const items = $derived(
		docs.current.filter((doc): doc is ServiceItem => isServiceItem(doc as { kind?: unknown }))
	);
	const tallies = $derived(
		Object.fromEntries(
			docs.current
				.filter((doc): doc is ItemTally => isItemTally(doc as { kind?: unknown }))
				.map((t) => [t.itemId, t])
		)
	);
	/** The residence community first, then the branch's linked one. */
	const communityIds = $derived(
		[member.current?.residenceCommunityId, branch.current?.linkedCommunityId].filter(
			(id, index, ids): id is string => id !== undefined && ids.indexOf(id) === index
		)
	);
	const claims = $derived.by(() => {
		const standings = Object.fromEntries(
			byKind(own.current, 'claim-standing').map((s) => [s.claimId, s])
		);
		const decisions = byKind(own.current, 'claim-decision');
		return byKind(own.current, 'claim')
			.map((claim): OwnClaim => {
				const mine = decisions.filter((d) => d.claimId === claim.id);
				const standing = standings[claim.id] ?? null;
				return {
					claim,
					standing,
					decisions: mine,
					status: claimStatus(claim, standing, mine),
					decision: currentDecision(claim, mine)
				};
			})
			.sort((a, b) => b.claim.claimedAt.localeCompare(a.claim.claimedAt));
	});
	const claimOf = $derived(Object.fromEntries(claims.map((c) => [c.claim.itemId, c])));
	const names = $derived(Object.fromEntries(communities.current.map((c) => [c.id, c.name])));

	return {
		get member(): Member | null {
			return member.current;
		},
		get branch(): Org | null {
			return branch.current;
		},
		/** The member's communities: residence, then the branch's linked community. */
		get communityIds(): string[] {
			return communityIds;
		},
		get communities(): Community[] {
			return communities.current.filter((c) => communityIds.includes(c.id));
		},
		communityName(id: string): string {
			return names[id] ?? id;
		},
		/** Open items of the member's communities, best fit first, each with its reasons. */
		ranked(now: Date): RankedItem[] {
			const profile = member.current;
			if (!profile) return [];
			return rankItems(items, profile, { communityIds, now });
		},
		/** Any item this device holds, open or not (a claimed item stays readable when it closes). */
		item(id: string): ServiceItem | null {
			return items.find((item) => item.id === id) ?? null;
		},
		tallyOf(itemId: string): ItemTally | null {
			return tallies[itemId] ?? null;
		},
		/** The member's claims, latest first. */
		get claims(): OwnClaim[] {
			return claims;
		},
		claimOf(itemId: string): OwnClaim | null {
			return claimOf[itemId] ?? null;
		}
	};
}

/**
 * The resident's contact the server shares with the member while their claim holds a place;
 * null otherwise (the screen then shows 某小区居民).
 */
export function observeResidentShare(claimId: () => string | null): {
	readonly current: ResidentShare | null;
} {
	const device = signedInDevice();
	return observe(() => {
		const id = claimId();
		return id
			? device.db.contacts.findOne(residentShareId(id)).$.pipe(
					plainDoc<ContactsDoc>(),
					map((doc) => (doc && 'kind' in doc && doc.kind === 'resident-share' ? doc : null))
				)
			: null;
	}, null);
}

/** What a member does with an item: claim it, cancel the claim, mark it done. */
export function marketplaceActions() {
	const device = signedInDevice();
	const attempt = async (
		problem: ClaimProblem | null,
		write: () => Promise<WriteOutcome>
	): Promise<ClaimOutcome> => (problem ? { kind: 'problem', problem } : write());
	return {
		/** Claims the item (in `shift` of a post with shifts), checked against the tally held here. */
		claim: async (
			item: ServiceItem,
			existing: Claim | null,
			tally: ItemTally | null,
			memberName: string,
			shift?: number
		): Promise<ClaimOutcome> => {
			const now = currentTime();
			const actor = device.actor;
			const problem = claimProblem(item, existing, tally, actor, now, shift);
			return attempt(problem, () => {
				const { memberId, branchId, orgId } = actor;
				if (!memberId || !branchId || !orgId) return Promise.resolve({ kind: 'failed' });
				const claim = newClaim(item, { memberId, memberName, branchId, orgId }, now, shift);
				return device.write((db, writer) =>
					writeChecked(db, 'attendance', writer, withChannels('attendance', claim), item)
				);
			});
		},
		cancel: async (item: ServiceItem, claim: Claim): Promise<ClaimOutcome> => {
			const now = currentTime();
			return attempt(cancelProblem(item, claim, now), () =>
				device.write((db, writer) =>
					writeChecked(db, 'attendance', writer, cancelledClaim(claim, now), item)
				)
			);
		},
		/**
		 * Marks the claim done with the member's note, time and photos; the photos wait in the
		 * device's outbox and go up once the claim is on the server.
		 */
		markDone: async (
			item: ServiceItem,
			own: OwnClaim,
			done: { note: string; minutes: number; photos: PreparedEvidence[] }
		): Promise<ClaimOutcome> => {
			const now = currentTime();
			const problem = markDoneProblem(item, own.claim, own.standing, own.decision, now);
			return attempt(problem, async () => {
				const next = markedDone(
					own.claim,
					{
						at: now.toISOString(),
						minutes: done.minutes,
						note: done.note,
						photos: done.photos.map((photo) => photo.hash)
					},
					now
				);
				const outcome = await device.write((db, writer) =>
					writeChecked(db, 'attendance', writer, next, item)
				);
				if (outcome.kind === 'saved') {
					for (const photo of done.photos) {
						await queueEvidence(photo, { collection: 'attendance', docId: next.id });
					}
				}
				return outcome;
			});
		}
	};
}
