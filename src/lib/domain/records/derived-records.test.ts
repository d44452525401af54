import { describe, expect, it } from 'vitest';
import {
	aBranchActivity,
	anActivity,
	aRecord,
	ENDS,
	STARTS
} from '../../../test-data/activity-fixtures';
import { decision, doneClaim } from '../../../test-data/claim-fixtures';
import { withChannels } from '../access/write-policy';
import { validateAgainst } from '../schema/schema-validation';
import type { Activity } from '../events/activities';
import { attendanceFixId, type AttendanceFix } from '../events/attendance-fixes';
import type { Attendance } from '../events/attendance-record';
import { lateSyncNote } from '../events/late-sync';
import { DEFAULT_ROUNDING, type RuleOf } from '../events/service-hours';
import type { ClaimRecords } from '../events/yearly-duties';
import {
	derivedRecords,
	nextRecord,
	SYSTEM,
	type DerivationInputs,
	type RecordDraft
} from './derived-records';
import {
	activityRecordId,
	claimRecordId,
	MAX_TRAIL,
	serviceRecords,
	type ServiceRecord
} from './service-record';

const member = { id: 'm001', name: '党员m001', branchId: 'br1', orgId: 'org-a' };
const partyDay = aBranchActivity();
const AFTER = new Date(ENDS.getTime() + 60 * 60_000);
const minutesFromStart = (minutes: number) =>
	new Date(STARTS.getTime() + minutes * 60_000).toISOString();
const NO_CLAIMS: ClaimRecords = { claims: [], decisions: [] };

/** m001 checked in and out of `activity` by badge, `inAt`/`outAt` minutes from its start. */
function attended(activity: Activity, inAt: number, outAt: number | null): Attendance[] {
	const at = (minutes: number) =>
		new Date(Date.parse(activity.startsAt) + minutes * 60_000).toISOString();
	const base = { activityId: activity.id, hostBranchId: activity.hostBranchId };
	return [
		aRecord('in', { ...base, at: at(inAt) }),
		...(outAt === null ? [] : [aRecord('out', { ...base, at: at(outAt) })])
	];
}

function aFix(overrides: Partial<AttendanceFix> = {}): AttendanceFix {
	const at = overrides.at ?? AFTER.toISOString();
	return {
		id: attendanceFixId(partyDay.id, 'm001', new Date(at)),
		kind: 'fix',
		activityId: partyDay.id,
		activityStartsAt: partyDay.startsAt,
		communityId: 'cm2',
		hostBranchId: 'br1',
		memberId: 'm001',
		memberName: member.name,
		branchId: 'br1',
		orgId: 'org-a',
		outcome: 'present',
		checkInAt: minutesFromStart(10),
		checkOutAt: minutesFromStart(100),
		reason: '本人在场,忘签退',
		recordedBy: 'secretary1',
		at,
		channels: [],
		...overrides
	};
}

function derive(overrides: Partial<DerivationInputs> = {}): RecordDraft[] {
	return derivedRecords({
		member,
		activities: [partyDay],
		attendance: attended(partyDay, 0, 180),
		claims: NO_CLAIMS,
		ruleOf: () => DEFAULT_ROUNDING,
		year: 2026,
		now: AFTER,
		...overrides
	});
}

describe('derivedRecords — activities', () => {
	it('makes one record per activity checked in at, of the activity and its check-in', () => {
		expect(derive()).toEqual([
			{
				id: activityRecordId(partyDay.id, 'm001'),
				kind: 'service-record',
				origin: 'activity',
				sourceId: `${partyDay.id}.m001.in`,
				activityId: partyDay.id,
				memberId: 'm001',
				memberName: member.name,
				branchId: 'br1',
				orgId: 'org-a',
				communityId: 'cm2',
				hostBranchId: 'br1',
				category: 'party-day',
				at: partyDay.startsAt,
				minutes: 180,
				description: partyDay.title,
				photos: []
			}
		]);
	});

	it('derives nothing from an activity not yet over, nor from one it does not know', () => {
		expect(derive({ now: new Date(ENDS.getTime() - 60_000) })).toEqual([]);
		expect(derive({ activities: [] })).toEqual([]);
		expect(derive({ attendance: [] })).toEqual([]);
	});

	it('counts the minutes by the rounding rule of the member’s bureau', () => {
		const ruleOf: RuleOf = (orgId) =>
			orgId === 'org-a' ? { stepMinutes: 60, mode: 'down' } : DEFAULT_ROUNDING;
		const [record] = derive({ attendance: attended(partyDay, 0, 170), ruleOf });
		expect(record?.minutes).toBe(120);
		expect(derive({ attendance: attended(partyDay, 0, 170) })[0]?.minutes).toBe(165);
	});

	it('is flagged while 需核实 stands: no check-out, a late sync', () => {
		const [open] = derive({ attendance: attended(partyDay, 0, null) });
		expect(open).toMatchObject({ flagged: true, minutes: 180 });
		const [checkIn] = attended(partyDay, 0, null);
		const selfScan = { ...checkIn!, method: 'code' as const };
		const note = lateSyncNote(selfScan, null, AFTER);
		const [late] = derive({
			attendance: [selfScan, ...attended(partyDay, 0, 180).slice(1), note!]
		});
		expect(late?.flagged).toBe(true);
		expect(derive()[0]).not.toHaveProperty('flagged');
	});

	it('applies the latest resolution: its times, no flag, and who resolved it and why', () => {
		const attendance = [...attended(partyDay, 0, null), aFix()];
		const [record] = derive({ attendance });
		expect(record).toMatchObject({
			at: minutesFromStart(10),
			minutes: 90,
			because: { by: 'secretary1', reason: '本人在场,忘签退' }
		});
		expect(record).not.toHaveProperty('flagged');
		const later = aFix({
			at: new Date(AFTER.getTime() + 60_000).toISOString(),
			checkOutAt: minutesFromStart(130)
		});
		expect(derive({ attendance: [...attendance, later] })[0]?.minutes).toBe(120);
	});

	it('is withdrawn when marked absent, or when the activity is cancelled', () => {
		const absent = aFix({ outcome: 'absent', checkInAt: undefined, checkOutAt: undefined });
		const [marked] = derive({ attendance: [...attended(partyDay, 0, null), absent] });
		expect(marked).toMatchObject({ withdrawn: true, minutes: 0 });
		expect(marked).not.toHaveProperty('flagged');
		const cancelled = { ...partyDay, cancelled: true };
		expect(derive({ activities: [cancelled] })[0]?.withdrawn).toBe(true);
		// A cancelled activity's record is withdrawn at once: no waiting for its end.
		expect(derive({ activities: [cancelled], now: STARTS })[0]?.withdrawn).toBe(true);
	});

	it('takes the activity’s type, or lecture-given for a speaker at a lecture', () => {
		const lecture = anActivity({ id: 'act-lecture', type: 'lecture', speakers: ['m001'] });
		const heard = { ...lecture, speakers: ['m002'] };
		const attendance = attended(lecture, 0, 180);
		expect(derive({ activities: [lecture], attendance })[0]?.category).toBe('lecture-given');
		expect(derive({ activities: [heard], attendance })[0]?.category).toBe('lecture');
		const own = anActivity();
		expect(derive({ activities: [own], attendance: attended(own, 0, 180) })[0]).toMatchObject({
			category: 'volunteer',
			communityId: 'cm2'
		});
		expect(derive({ activities: [own], attendance: attended(own, 0, 180) })[0]).not.toHaveProperty(
			'hostBranchId'
		);
	});

	it('makes no record of a joint meeting: a check-in there is governance, not service', () => {
		const meeting = aBranchActivity({ id: 'act-meeting', type: 'joint-meeting' });
		const both = [...attended(meeting, 0, 180), ...attended(partyDay, 0, 180)];
		expect(derive({ activities: [meeting], attendance: attended(meeting, 0, 180) })).toEqual([]);
		expect(
			derive({ activities: [meeting, partyDay], attendance: both }).map((r) => r.activityId)
		).toEqual([partyDay.id]);
	});

	it('keeps a record to the Shanghai year of its check-in: 23:30 on 31 December is that year', () => {
		// 23:30–01:30 Shanghai over the new year.
		const eve = aBranchActivity({
			id: 'act-eve',
			startsAt: '2026-12-31T15:30:00.000Z',
			endsAt: '2026-12-31T17:30:00.000Z'
		});
		const inputs = {
			activities: [eve],
			attendance: attended(eve, -5, 120),
			now: new Date('2027-01-01T00:00:00.000Z')
		};
		expect(derive({ ...inputs, year: 2026 })).toHaveLength(1);
		expect(derive({ ...inputs, year: 2027 })).toEqual([]);
		expect(derive({ ...inputs, year: 2026 })[0]?.at).toBe('2026-12-31T15:25:00.000Z');
	});
});

describe('derivedRecords — claims', () => {
	const done = {
		...doneClaim('it-1', 'm001', 'micro-wish'),
		done: {
			at: '2026-06-10T02:00:00.000Z',
			minutes: 90,
			note: '帮老人买药',
			photos: ['a'.repeat(64)]
		}
	};

	it('makes one record per claim the community confirmed done', () => {
		const claims = { claims: [done], decisions: [decision(done, 'confirmed')] };
		expect(derive({ attendance: [], claims })).toEqual([
			{
				id: claimRecordId(done.id),
				kind: 'service-record',
				origin: 'claim',
				sourceId: done.id,
				memberId: 'm001',
				memberName: member.name,
				branchId: 'br1',
				orgId: 'org-a',
				communityId: 'cm2',
				category: 'micro-wish',
				at: done.done.at,
				minutes: 90,
				description: '帮老人买药',
				photos: ['a'.repeat(64)]
			}
		]);
	});

	it('makes none of a claim waiting, returned, of another member or of another year', () => {
		const returned = { claims: [done], decisions: [decision(done, 'returned')] };
		const waiting = { claims: [done], decisions: [] };
		const others = { ...done, memberId: 'm002' };
		const otherYear = { ...done, done: { ...done.done, at: '2025-12-31T15:00:00.000Z' } };
		for (const claims of [
			returned,
			waiting,
			{ claims: [others], decisions: [decision(others, 'confirmed')] },
			{ claims: [otherYear], decisions: [decision(otherYear, 'confirmed')] }
		]) {
			expect(derive({ attendance: [], claims })).toEqual([]);
		}
		// Done again after a return: the earlier confirmation was of another version.
		const redone = { ...done, done: { ...done.done, at: '2026-06-12T02:00:00.000Z' } };
		expect(
			derive({
				attendance: [],
				claims: { claims: [redone], decisions: [decision(done, 'confirmed')] }
			})
		).toEqual([]);
	});
});

describe('nextRecord', () => {
	const AT = '2026-06-01T06:00:00.000Z';
	const LATER = '2026-06-02T06:00:00.000Z';
	const flaggedDraft = () => derive({ attendance: attended(partyDay, 0, null) })[0]!;
	const stored = () => nextRecord(null, flaggedDraft(), AT)!;

	it('stores a new record at submission 1, made by the worker, in its year’s channels', () => {
		const record = stored();
		expect(record).toMatchObject({
			submission: 1,
			submittedAt: AT,
			updatedAt: AT,
			flagged: true,
			trail: [{ at: AT, by: SYSTEM, change: 'created' }]
		});
		expect(record).not.toHaveProperty('because');
		expect(record.channels).toEqual(serviceRecords.channelsOf(record));
		expect(record.channels).toContain('member:m001/2026');
		expect(withChannels('reports', record)).toEqual(record);
		expect(validateAgainst(serviceRecords.schema, record)).toBeNull();
	});

	it('is null when nothing changed, and makes no record of service that does not count', () => {
		expect(nextRecord(stored(), flaggedDraft(), LATER)).toBeNull();
		expect(nextRecord(null, null, AT)).toBeNull();
		expect(nextRecord(null, { ...flaggedDraft(), withdrawn: true }, AT)).toBeNull();
	});

	it('resolves 需核实 as a new submission, with who, why and the values before', () => {
		const draft = derive({ attendance: [...attended(partyDay, 0, null), aFix()] })[0]!;
		const record = nextRecord(stored(), draft, LATER)!;
		expect(record).toMatchObject({
			submission: 2,
			submittedAt: LATER,
			at: minutesFromStart(10),
			minutes: 90
		});
		expect(record).not.toHaveProperty('flagged');
		expect(record.trail.at(-1)).toEqual({
			at: LATER,
			by: 'secretary1',
			change: 'resolved',
			reason: '本人在场,忘签退',
			before: { at: partyDay.startsAt, minutes: 180 }
		});
		expect(validateAgainst(serviceRecords.schema, record)).toBeNull();
		// The same resolution applied again changes nothing.
		expect(nextRecord(record, draft, LATER)).toBeNull();
	});

	it('owes a later change of a resolved record to the worker, not the organiser again', () => {
		const draft = derive({ attendance: [...attended(partyDay, 0, null), aFix()] })[0]!;
		const resolved = nextRecord(stored(), draft, LATER)!;
		const record = nextRecord(resolved, { ...draft, description: '主题党日(改期)' }, LATER)!;
		expect(record.trail.at(-1)).toEqual({
			at: LATER,
			by: SYSTEM,
			change: 'changed',
			before: { description: partyDay.title }
		});
	});

	it('withdraws a record marked absent or gone, and restores it, keeping its history', () => {
		const absent = aFix({ outcome: 'absent', checkInAt: undefined, checkOutAt: undefined });
		const draft = derive({ attendance: [...attended(partyDay, 0, null), absent] })[0]!;
		const withdrawn = nextRecord(stored(), draft, LATER)!;
		expect(withdrawn).toMatchObject({ submission: 2, withdrawn: true });
		expect(withdrawn.trail.at(-1)).toMatchObject({ change: 'withdrawn', by: 'secretary1' });
		expect(withdrawn.trail).toHaveLength(2);
		expect(validateAgainst(serviceRecords.schema, withdrawn)).toBeNull();

		const gone = nextRecord(stored(), null, LATER)!;
		expect(gone).toMatchObject({ submission: 2, withdrawn: true, flagged: true });
		expect(gone.trail.at(-1)).toEqual({ at: LATER, by: SYSTEM, change: 'withdrawn' });
		expect(nextRecord(gone, null, LATER)).toBeNull();

		const back = nextRecord(gone, flaggedDraft(), LATER)!;
		expect(back).toMatchObject({ submission: 3 });
		expect(back).not.toHaveProperty('withdrawn');
		expect(back.trail.map((e) => e.change)).toEqual(['created', 'withdrawn', 'restored']);
	});

	it('keeps the trail within its limit: the creation and the latest changes', () => {
		let record: ServiceRecord = stored();
		for (let i = 0; i < MAX_TRAIL + 5; i++) {
			record = nextRecord(record, { ...flaggedDraft(), minutes: i % 2 ? 60 : 30 }, LATER)!;
		}
		expect(record.trail).toHaveLength(MAX_TRAIL);
		expect(record.trail[0]?.change).toBe('created');
		expect(record.submission).toBe(MAX_TRAIL + 6);
	});
});
