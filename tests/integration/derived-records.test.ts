import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiIsoWeek } from '../../src/lib/domain/calendar/shanghai-week';
import type { Activity } from '../../src/lib/domain/events/activities';
import type { Attendance } from '../../src/lib/domain/events/attendance-record';
import { newAttendanceFix } from '../../src/lib/domain/events/fix-drafts';
import { digestId } from '../../src/lib/domain/messages/notices';
import { shanghaiYear } from '../../src/lib/domain/calendar/shanghai-calendar';
import type { MemberYearSummary } from '../../src/lib/domain/registry';
import { memberYearId } from '../../src/lib/domain/evaluation/member-year';
import { recordViews } from '../../src/lib/domain/records/record-status';
import { isApproval } from '../../src/lib/domain/records/approvals';
import { isCorrection } from '../../src/lib/domain/records/corrections';
import {
	activityRecordId,
	isServiceRecord,
	type ServiceRecord
} from '../../src/lib/domain/records/service-record';
import { isReview } from '../../src/lib/domain/reporting/reviews';
import { plainOf, type StoredDoc } from '../../src/lib/server/stored-doc';
import type { TestDevice } from '../support/test-device';
import { World } from '../support/world';

const PARTY_DAY = 'act-demo-br1-partyday';

/**
 * The summary worker derives a service record from every check-in once the activity is over,
 * keeps it 需核实 while the organiser has not resolved the hand-entered check-in, follows the
 * resolution with a new submission and a trail entry, and never deletes one. Secretaries get a
 * weekly digest of their branch.
 */
describe('records the worker derives', () => {
	let world: World;
	let tablet: TestDevice;

	beforeAll(async () => {
		world = await World.start(['secretary1']);
		tablet = await world.device('secretary1');
	});
	afterAll(() => world.close());

	async function all<T>(name: 'reports' | 'reviews' | 'attendance'): Promise<T[]> {
		const rows = (await world.db(name).allDocs({ include_docs: true })).rows;
		return rows.flatMap((row) =>
			row.doc && !row.id.startsWith('_design/') ? [plainOf<T>(row.doc as StoredDoc)] : []
		);
	}

	const partyDayCheckIns = async () =>
		(await all<Attendance>('attendance')).filter(
			(a) => a.activityId === PARTY_DAY && a.kind === 'in'
		);

	async function record(memberId: string): Promise<ServiceRecord> {
		return plainOf<ServiceRecord>(
			await world.db('reports').get(activityRecordId(PARTY_DAY, memberId))
		);
	}

	it('derives one flagged record per hand-entered check-in at the party day', async () => {
		const checkIns = await partyDayCheckIns();
		expect(checkIns.length).toBeGreaterThan(10);
		const records = (await all<{ kind?: unknown }>('reports'))
			.filter(isServiceRecord)
			.filter((r) => r.activityId === PARTY_DAY);
		expect(records.map((r) => r.memberId).sort()).toEqual(checkIns.map((c) => c.memberId).sort());
		for (const r of records) {
			expect(r).toMatchObject({
				origin: 'activity',
				flagged: true,
				submission: 1,
				category: 'party-day'
			});
			expect(r.trail).toMatchObject([{ by: 'system', change: 'created' }]);
		}
		// The secretary's tablet holds them: her branch's channel of the year.
		await tablet.sync();
		await tablet.waitFor('reports', { id: records[0]!.id });
	});

	it("gives the secretary this week's digest of her branch", async () => {
		const id = digestId('secretary1', new Date());
		expect(id).toBe(`secretary1.digest.${shanghaiIsoWeek(new Date())}`);
		await tablet.sync();
		const [digest] = await tablet.waitFor('notices', { id });
		const reports = await all<{ kind?: unknown; branchId?: string }>('reports');
		const reviews = await all<object>('reviews');
		const views = recordViews({
			records: reports.filter(isServiceRecord),
			corrections: reports.filter(isCorrection),
			reviews: reviews.filter(isReview),
			approvals: reviews.filter(isApproval)
		}).filter((view) => view.record.branchId === 'br1');
		expect(digest).toMatchObject({ kind: 'digest', recipient: 'secretary1', branchId: 'br1' });
		const summaries = (await world.db('evaluations').allDocs({ include_docs: true })).rows.flatMap(
			(row) => (row.doc ? [plainOf<MemberYearSummary>(row.doc as StoredDoc)] : [])
		);
		const atRisk = summaries.filter(
			(s) =>
				s.kind === 'member-year' &&
				s.branchId === 'br1' &&
				s.year === shanghaiYear(new Date()) &&
				(s.risks?.length ?? 0) > 0
		).length;
		expect(digest?.counts).toEqual({
			atRisk,
			waitingApproval: views.filter((v) => v.state === 'needs-approval').length,
			flagged: views.filter((v) => v.state === 'flagged').length
		});
		expect(digest?.counts?.waitingApproval).toBeGreaterThanOrEqual(20);
		expect(digest?.counts?.flagged).toBe((await partyDayCheckIns()).length);
		expect(digest?.counts?.atRisk).toBeGreaterThan(0);
	});

	it('follows a resolution: present unflags, absent withdraws; nothing is deleted', async () => {
		const [present, absent] = await partyDayCheckIns();
		const activity = plainOf<Activity>(await world.db('activities').get(PARTY_DAY));
		const count = (await all<{ kind?: unknown }>('reports')).filter(isServiceRecord).length;
		const summaryOf = async (memberId: string) =>
			plainOf<MemberYearSummary>(
				await world.db('evaluations').get(memberYearId(memberId, shanghaiYear(activity.startsAt)))
			);
		expect((await summaryOf(absent!.memberId)).missedDuties).not.toContain('party-day');
		const resolve = (checkIn: Attendance, outcome: 'present' | 'absent', reason: string) =>
			newAttendanceFix({
				activity,
				checkIn,
				resolution:
					outcome === 'present'
						? {
								ok: true,
								outcome,
								checkInAt: activity.startsAt,
								checkOutAt: activity.endsAt,
								reason
							}
						: { ok: true, outcome, reason },
				recordedBy: 'secretary1',
				at: new Date()
			});
		await tablet.writeChecked('attendance', resolve(present!, 'present', '对照照片确认全程参加'));
		await tablet.writeChecked('attendance', resolve(absent!, 'absent', '当天请假，签到表误记'));
		await tablet.sync();
		await world.server.app.summaries?.idle();

		const resolved = await record(present!.memberId);
		expect(resolved.flagged).toBeFalsy();
		expect(resolved.submission).toBe(2);
		expect(resolved.trail.at(-1)).toMatchObject({
			change: 'resolved',
			by: 'secretary1',
			reason: '对照照片确认全程参加'
		});
		const withdrawn = await record(absent!.memberId);
		expect(withdrawn).toMatchObject({ withdrawn: true, submission: 2 });
		expect((await all<{ kind?: unknown }>('reports')).filter(isServiceRecord)).toHaveLength(count);
		// The member's year counts as the records do: marked absent, the party day is missed.
		expect((await summaryOf(absent!.memberId)).missedDuties).toContain('party-day');
		expect((await summaryOf(present!.memberId)).missedDuties).not.toContain('party-day');

		// Its own write wakes the worker again, which then finds nothing to change.
		const rev = (await world.db('reports').get(resolved.id))._rev;
		await world.server.app.summaries?.idle();
		await world.server.app.summaries?.idle();
		expect((await world.db('reports').get(resolved.id))._rev).toBe(rev);
	});
});
