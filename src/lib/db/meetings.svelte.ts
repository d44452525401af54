import { activityWithKey, type ActivityInput } from '../domain/events/event-drafts';
import {
	isListItem,
	isMinutes,
	type LedgerDoc,
	type LedgerPair,
	type ListItem,
	type Minutes
} from '../domain/ledger/ledger-docs';
import { sideOf, writesForSide } from '../domain/ledger/ledger-pair';
import {
	newMinutes,
	readMinutes,
	type MinutesDraft,
	type MinutesProblem
} from '../domain/ledger/meeting-drafts';
import { minutesId } from '../domain/ledger/minutes';
import type { Activity, Org } from '../domain/registry';
import { observeActivityDetail } from './activity-detail.svelte';
import { activityDocs } from './activity-docs';
import { currentTime } from './clock';
import { signedInDevice } from './device-context.svelte';
import { writeMeeting, writeMinutes } from './meeting-writes';
import { observe } from './observe.svelte';
import { plainDoc, plainDocs } from './plain-docs';
import type { WriteOutcome } from './write-outcome';

/** A joint meeting of a ledger year: its minutes, and its activity when the device holds it. */
export interface MeetingOfYear {
	minutes: Minutes;
	activity: Activity | null;
}

/**
 * The pair's joint meetings of a year, live, by the day they are held: the minutes kept in the
 * ledger with each meeting's activity (its title and time, whether it was cancelled).
 */
export function meetingsOfYear(
	pair: () => LedgerPair | null,
	year: () => number
): { readonly current: MeetingOfYear[] } {
	const device = signedInDevice();
	const minutes = observe(() => {
		const of = pair();
		if (!of) return null;
		return device.db.ledger
			.find({
				selector: {
					kind: 'minutes',
					branchId: of.branchId,
					communityId: of.communityId,
					year: year()
				}
			})
			.$.pipe(plainDocs<LedgerDoc>());
	}, []);
	const held = $derived(minutes.current.filter(isMinutes));
	const activities = observe(() => {
		const ids = held.map((m) => m.activityId);
		return device.db.activities.find({ selector: { id: { $in: ids } } }).$.pipe(activityDocs());
	}, []);
	const meetings = $derived(
		held
			.map((m) => ({
				minutes: m,
				activity: activities.current.find((a) => a.id === m.activityId) ?? null
			}))
			.sort((a, b) => a.minutes.heldOn.localeCompare(b.minutes.heldOn))
	);
	return {
		get current() {
			return meetings;
		}
	};
}

/**
 * One joint meeting as this device holds it: the activity, its minutes, the members checked in
 * (attendance as the activity's own page reads it) and the list items its decisions became.
 */
export function observeMeeting(activityId: () => string) {
	const device = signedInDevice();
	const detail = observeActivityDetail(activityId);
	// Undefined until the local query first answers, so "not on this device" is not shown early.
	const minutes = observe<LedgerDoc | null | undefined>(
		() => device.db.ledger.findOne(minutesId(activityId())).$.pipe(plainDoc<LedgerDoc>()),
		undefined
	);
	const items = observe(
		() =>
			device.db.ledger
				.find({ selector: { kind: 'list-item', 'fromMinutes.minutesId': minutesId(activityId()) } })
				.$.pipe(plainDocs<LedgerDoc>()),
		[]
	);
	const kept = $derived(
		minutes.current === undefined
			? undefined
			: minutes.current && isMinutes(minutes.current)
				? minutes.current
				: null
	);
	// One entry a member (a check-in id is per member), by name.
	const checkedIn = $derived(
		detail.records
			.filter((record) => record.kind === 'in')
			.map((record) => ({ memberId: record.memberId, name: record.memberName }))
			.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
	);
	const decisionItems = $derived(
		items.current
			.filter(isListItem)
			.sort((a, b) => (a.fromMinutes?.decision ?? 0) - (b.fromMinutes?.decision ?? 0))
	);
	return {
		/** Undefined while loading; null when the device does not hold it. */
		get activity(): Activity | null | undefined {
			return detail.activity;
		},
		get minutes(): Minutes | null | undefined {
			return kept;
		},
		get checkedIn(): { memberId: string; name: string }[] {
			return checkedIn;
		},
		/** The item of decision n (from 1), once the device holds it. */
		itemOf: (n: number): ListItem | undefined =>
			decisionItems.find((item) => item.fromMinutes?.decision === n),
		/** Whether the signed-in person keeps these minutes: only the side that wrote them does. */
		get mayEdit(): boolean {
			return kept ? writesForSide(device.actor, kept, kept.side) : false;
		}
	};
}

/** What saving minutes came to: the form's problems, or where the write is now. */
export type MinutesSaving =
	{ ok: false; problems: MinutesProblem[] } | { ok: true; outcome: WriteOutcome };

/** Scheduling joint meetings and keeping their minutes. Call during component initialisation. */
export function meetingActions() {
	const device = signedInDevice();
	return {
		/**
		 * A joint meeting of the host branch and its linked community: the activity (checked in at
		 * like any other) and its minutes with the agenda and invited units, of the writer's side.
		 */
		scheduleMeeting: async (
			input: ActivityInput,
			host: Org,
			schedule: { agenda: string; invitedUnits: readonly string[] }
		): Promise<{ outcome: WriteOutcome; activityId: string }> => {
			const now = currentTime();
			const { activity, credential } = activityWithKey(input, device.actor.username, now);
			const pair = {
				branchId: host.id,
				communityId: input.communityId,
				orgId: host.parentId ?? ''
			};
			const side = sideOf(device.actor, pair);
			if (!side)
				return { outcome: { kind: 'refused', reason: 'forbidden' }, activityId: activity.id };
			const minutes = newMinutes({
				activity,
				pair,
				schedule,
				side,
				by: device.actor.username,
				now
			});
			const outcome = await device.write((db, actor) =>
				writeMeeting(db, actor, { activity, credential, host, minutes })
			);
			return { outcome, activityId: activity.id };
		},
		/** The minutes with the form's attendees, text and new decisions, each decision an item. */
		saveMinutes: async (stored: Minutes, draft: MinutesDraft): Promise<MinutesSaving> => {
			const read = readMinutes(stored, draft, device.actor.username, currentTime());
			if (!read.ok) return read;
			const outcome = await device.write((db, actor) =>
				writeMinutes(db, actor, read.minutes, read.items)
			);
			return { ok: true, outcome };
		}
	};
}
