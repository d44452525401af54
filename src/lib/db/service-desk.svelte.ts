import type { RxDocument } from 'rxdb';
import { map, type OperatorFunction } from 'rxjs';
import type { ActivitiesDoc, AttendanceDoc, Community, ContactsDoc } from '../domain/registry';
import { activityScopes, type ActivityScope } from '../domain/events/activity-scopes';
import { isClaimDecision, type ClaimDecision } from '../domain/marketplace/claim-decisions';
import { claimStatus, type ClaimStatus } from '../domain/marketplace/claim-lifecycle';
import { isClaimStanding, type ClaimStanding } from '../domain/marketplace/claim-standings';
import { isClaim, type Claim } from '../domain/marketplace/claim-record';
import { decisionOf, type DecisionInput } from '../domain/marketplace/decision-drafts';
import {
	deskCounts,
	deskEntries,
	type DeskCounts,
	type DeskEntry
} from '../domain/marketplace/desk-overview';
import {
	editedItem,
	itemInState,
	newItem,
	type ItemInput
} from '../domain/marketplace/item-drafts';
import { isItemTally, itemTallyId, type ItemTally } from '../domain/marketplace/item-tallies';
import { residentOf, type ResidentInput } from '../domain/marketplace/resident-drafts';
import { isResident, residentId, type Resident } from '../domain/marketplace/residents';
import {
	ITEM_KINDS,
	isServiceItem,
	type ItemKind,
	type ItemState,
	type ServiceItem
} from '../domain/marketplace/service-items';
import { currentTime } from './clock';
import { signedInDevice } from './device-context.svelte';
import { communitiesWhere, orgsWhere } from './directory';
import { ownFields, writeChecked } from './local-write';
import { observe } from './observe.svelte';
import { plainDoc, plainDocs } from './plain-docs';
import type { WriteOutcome } from './write-outcome';

/** Where the signed-in person may publish: communities they staff, their branches' linked ones. */
export function observeDeskScopes() {
	const device = signedInDevice();
	const orgs = observe(() => orgsWhere(device.db), []);
	const communities = observe(() => communitiesWhere(device.db, { kind: 'community' }), []);
	const scopes = $derived(activityScopes(device.actor, orgs.current));
	return {
		get all(): ActivityScope[] {
			return scopes;
		},
		get communities(): Community[] {
			return communities.current;
		},
		communityName: (id: string): string => communities.current.find((c) => c.id === id)?.name ?? id
	};
}

type Kinded = { kind?: unknown };
type KindGuard<T extends Kinded> = (doc: Kinded) => doc is T;

/** The documents of one kind among those of a collection holding several. */
function ofKind<T extends Kinded>(docs: readonly object[], guard: KindGuard<T>): T[] {
	return (docs as Kinded[]).filter(guard);
}

/** One document of a collection holding several kinds, when it is of the kind wanted. */
function docOf<D, T extends Kinded>(
	guard: KindGuard<T>
): OperatorFunction<RxDocument<D> | null, T | null> {
	return (doc$) =>
		doc$.pipe(
			plainDoc<D>(),
			map((doc) => (doc && guard(doc as Kinded) ? (doc as unknown as T) : null))
		);
}

/** The community's items with what asks for attention, and counts per kind and state, live. */
export function observeDesk(communityId: () => string) {
	const device = signedInDevice();
	const docs = observe(
		() =>
			device.db.activities
				.find({
					selector: { communityId: communityId(), kind: { $in: [...ITEM_KINDS, 'item-tally'] } }
				})
				.$.pipe(plainDocs<ActivitiesDoc>()),
		[]
	);
	const records = observe(
		() =>
			device.db.attendance
				.find({
					selector: { communityId: communityId(), kind: { $in: ['claim', 'claim-decision'] } }
				})
				.$.pipe(plainDocs<AttendanceDoc>()),
		[]
	);
	const items = $derived(ofKind(docs.current, isServiceItem));
	const tallies = $derived(ofKind(docs.current, isItemTally));
	const claims = $derived(ofKind(records.current, isClaim));
	const decisions = $derived(ofKind(records.current, isClaimDecision));
	return {
		/** The entries as of `now`: a need starts to wait "too long" as time passes. */
		entries(now: Date): DeskEntry[] {
			return deskEntries(items, claims, decisions, tallies, now);
		},
		get counts(): DeskCounts {
			return deskCounts(items);
		}
	};
}

/** One claim on an item's page: who, where it stands, and what the community decided. */
export interface DeskClaim {
	claim: Claim;
	status: ClaimStatus;
	standing: ClaimStanding | null;
	decisions: ClaimDecision[];
}

/** One item as its community's staff see it: claims with standings and decisions, the resident. */
export function observeDeskItem(itemId: () => string) {
	const device = signedInDevice();
	const item = observe(
		() =>
			device.db.activities
				.findOne(itemId())
				.$.pipe(docOf<ActivitiesDoc, ServiceItem>(isServiceItem)),
		null
	);
	const tally = observe(
		() =>
			device.db.activities
				.findOne(itemTallyId({ id: itemId() }))
				.$.pipe(docOf<ActivitiesDoc, ItemTally>(isItemTally)),
		null
	);
	const resident = observe(
		() =>
			device.db.contacts
				.findOne(residentId(itemId()))
				.$.pipe(docOf<ContactsDoc, Resident>(isResident)),
		null
	);
	const records = observe(
		() =>
			device.db.attendance
				.find({
					selector: {
						itemId: itemId(),
						kind: { $in: ['claim', 'claim-standing', 'claim-decision'] }
					}
				})
				.$.pipe(plainDocs<AttendanceDoc>()),
		[]
	);
	const rows = $derived.by(() => {
		const standings = ofKind(records.current, isClaimStanding);
		const decisions = ofKind(records.current, isClaimDecision);
		return ofKind(records.current, isClaim)
			.map((claim): DeskClaim => {
				const standing = standings.find((s) => s.claimId === claim.id) ?? null;
				const own = decisions
					.filter((d) => d.claimId === claim.id)
					.sort((a, b) => b.decidedAt.localeCompare(a.decidedAt));
				return { claim, standing, decisions: own, status: claimStatus(claim, standing, own) };
			})
			.sort((a, b) => a.claim.claimedAt.localeCompare(b.claim.claimedAt));
	});
	return {
		get item(): ServiceItem | null {
			return item.current;
		},
		get tally(): ItemTally | null {
			return tally.current;
		},
		get resident(): Resident | null {
			return resident.current;
		},
		get claims(): DeskClaim[] {
			return rows;
		}
	};
}

/**
 * What the community's staff (and secretaries, for their branch's linked community) do at the
 * desk: publish, edit, close, reopen and cancel items, keep a resident's contact, decide claims.
 * Call during component initialisation.
 */
export function deskActions() {
	const device = signedInDevice();
	return {
		/** A new item (and its resident, for a need or a micro-wish), written on the device first. */
		publishItem: async (
			scope: ActivityScope,
			kind: ItemKind,
			input: ItemInput,
			resident: ResidentInput | null
		): Promise<{ outcome: WriteOutcome; itemId: string }> => {
			// A branch secretary publishes as their branch; staff as the community.
			const branch = scope.branch;
			const item = newItem(kind, input, {
				communityId: scope.communityId,
				...(branch ? { branchId: branch.id } : {}),
				createdBy: device.actor.username,
				now: currentTime()
			});
			const outcome = await device.write(async (db, actor) => {
				await writeChecked(db, 'activities', actor, item);
				if (resident) {
					await writeChecked(db, 'contacts', actor, residentOf(item, resident, currentTime()));
				}
			});
			return { outcome, itemId: item.id };
		},
		editItem: (
			prev: ServiceItem,
			input: ItemInput,
			resident: ResidentInput | null
		): Promise<WriteOutcome> => {
			return device.write(async (db, actor) => {
				await writeChecked(
					db,
					'activities',
					actor,
					editedItem(ownFields(prev), input, currentTime())
				);
				if (resident) {
					await writeChecked(db, 'contacts', actor, residentOf(prev, resident, currentTime()));
				}
			});
		},
		/** Close to claims, open again, or cancel: items are never deleted. */
		moveItem: (item: ServiceItem, state: ItemState): Promise<WriteOutcome> => {
			return device.write((db, actor) =>
				writeChecked(db, 'activities', actor, itemInState(ownFields(item), state, currentTime()))
			);
		},
		saveResident: (item: ServiceItem, resident: ResidentInput): Promise<WriteOutcome> => {
			return device.write((db, actor) =>
				writeChecked(db, 'contacts', actor, residentOf(item, resident, currentTime()))
			);
		},
		/** Confirms or returns the claim's latest done. */
		decideClaim: (claim: Claim, input: DecisionInput): Promise<WriteOutcome> => {
			return device.write((db, actor) =>
				writeChecked(
					db,
					'attendance',
					actor,
					decisionOf(ownFields(claim), input, actor.username, currentTime())
				)
			);
		}
	};
}
