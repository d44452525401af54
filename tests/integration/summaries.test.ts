import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withChannels } from '../../src/lib/domain/access/write-policy';
import { shanghaiYear } from '../../src/lib/domain/calendar/shanghai-calendar';
import {
	branchDuties,
	dutyState,
	memberDutyGaps,
	serviceOfYear
} from '../../src/lib/domain/events/yearly-duties';
import { isActivity } from '../../src/lib/domain/events/activities';
import { isAttendanceRecord } from '../../src/lib/domain/events/attendance-record';
import { roundingRules } from '../../src/lib/domain/events/service-hours';
import { standingOf, targetsOf } from '../../src/lib/domain/points/member-standing';
import { isPointsScheme } from '../../src/lib/domain/points/points-scheme';
import { isClaimDecision } from '../../src/lib/domain/marketplace/claim-decisions';
import { decisionOf } from '../../src/lib/domain/marketplace/decision-drafts';
import { claimId, isClaim, type Claim } from '../../src/lib/domain/marketplace/claim-record';
import { coverageByBranch, sumCoverage } from '../../src/lib/domain/reporting/coverage';
import { ReportIndex } from '../../src/lib/domain/reporting/member-reporting';
import { reportToSubmit, reviewOf } from '../../src/lib/domain/reporting/report-drafts';
import {
	type ActivitiesDoc,
	type Activity,
	type Attendance,
	type AttendanceDoc,
	type BranchYearSummary,
	type BureauYearSummary,
	type CollectionName,
	type Member,
	type MemberYearSummary,
	type Org,
	type Report,
	type Review
} from '../../src/lib/domain/registry';
import { toStored } from '../../src/lib/server/demo/demo-seed';
import type { StoredDoc } from '../../src/lib/server/stored-doc';
import type { TestDevice } from '../support/test-device';
import { World } from '../support/world';

const ORG = 'org-zjj';

/**
 * The office reads worker-made summaries instead of every record. Whatever happens to the records
 * — new ones, corrections, a member moving or leaving — the summaries on the office's device must
 * equal what the domain's functions compute from the store's records directly.
 */
describe('summaries for the office', () => {
	let world: World;
	let office: TestDevice;
	const year = shanghaiYear(new Date());

	beforeAll(async () => {
		world = await World.start(['office1']);
		office = await world.device('office1');
	});
	afterAll(() => world.close());

	async function raw<T>(name: CollectionName): Promise<T[]> {
		const result = await world.db(name).allDocs({ include_docs: true });
		return result.rows.flatMap((row) => {
			const doc = row.doc;
			if (!doc || doc._id.startsWith('_design/')) return [];
			const { _id, _rev, ...fields } = doc;
			void _rev;
			return [{ ...fields, id: _id } as T];
		});
	}

	/** The figures straight from the records, with the functions the devices use. */
	async function direct() {
		const orgs = (await raw<Org>('directory')).filter(
			(d) => d.kind === 'branch' || d.kind === 'bureau'
		);
		const members = await raw<Member>('members');
		const index = new ReportIndex(await raw<Report>('reports'), await raw<Review>('reviews'));
		// Points and grades: the same standing every device computes, from every record and decision.
		const standingDocs = {
			reports: await raw<{ kind?: unknown }>('reports'),
			reviews: await raw<{ kind?: unknown }>('reviews'),
			schemes: (await raw<{ kind?: unknown }>('directory')).filter(isPointsScheme),
			// Breaches, decisions and feedback: standingOf picks them out of every evaluation.
			evaluations: await raw<{ id: string; kind?: unknown; memberId?: unknown }>('evaluations')
		};
		const now = new Date();
		// Service items and their tallies share the collection; only activities are attended.
		const activities = (await raw<ActivitiesDoc>('activities')).filter(isActivity);
		const records = await raw<AttendanceDoc>('attendance');
		const attendance = records.filter(isAttendanceRecord);
		const claims = {
			claims: records.filter(isClaim),
			decisions: records.filter(isClaimDecision)
		};
		const branches = orgs.filter((o) => o.kind === 'branch' && o.parentId === ORG);
		const rows = coverageByBranch(branches, members, index).map(({ branch, coverage }) => {
			const own = members
				.filter((m) => m.branchId === branch.id)
				.map((m) => ({ id: m.id, name: m.name }));
			const serviceMinutes = own
				.map(
					(m) =>
						serviceOfYear(
							{ memberId: m.id, memberName: m.name, branchId: branch.id },
							activities,
							attendance,
							year,
							roundingRules(orgs)
						).minutes
				)
				.reduce((sum, minutes) => sum + minutes, 0);
			const targets = targetsOf(
				members
					.filter((m) => m.branchId === branch.id)
					.map((m) => {
						const standing = standingOf(m, branch.linkedCommunityId, standingDocs, year, now);
						return { effective: standing.effective, grade: standing.grade.grade };
					})
			);
			return {
				branchId: branch.id,
				orgId: ORG,
				year,
				coverage,
				effective: targets.effective,
				grades: targets.grades,
				membersBehind: memberDutyGaps(own, activities, attendance, year, new Map(), claims).length,
				serviceMinutes,
				duties: branchDuties(branch.id, own, activities, attendance, year).map((duty) => ({
					type: duty.type,
					state: dutyState(duty),
					missing: duty.missing.length
				}))
			};
		});
		const bureau = {
			orgId: ORG,
			year,
			coverage: sumCoverage(rows.map((r) => r.coverage)),
			branches: rows.length,
			membersBehind: rows.reduce((sum, r) => sum + r.membersBehind, 0),
			serviceMinutes: rows.reduce((sum, r) => sum + r.serviceMinutes, 0),
			effective: rows.reduce((sum, r) => sum + r.effective, 0),
			grades: {
				good: rows.reduce((sum, r) => sum + r.grades.good, 0),
				fairlyGood: rows.reduce((sum, r) => sum + r.grades.fairlyGood, 0),
				average: rows.reduce((sum, r) => sum + r.grades.average, 0),
				poor: rows.reduce((sum, r) => sum + r.grades.poor, 0)
			}
		};
		return { rows, bureau };
	}

	/** What the office's device holds once the worker has caught up and the device has synced. */
	async function onTheOfficeDevice() {
		await world.server.app.summaries?.idle();
		await office.sync();
		const branchYears = (await office.find('evaluations', {
			kind: 'branch-year',
			year
		})) as BranchYearSummary[];
		const [bureau] = (await office.find('evaluations', {
			kind: 'bureau-year',
			year
		})) as BureauYearSummary[];
		const strip = <T extends { id: string; updatedAt: string; channels: string[]; kind: string }>(
			doc: T
		) => {
			const { id, updatedAt, channels, kind, ...figures } = doc;
			void id;
			void updatedAt;
			void channels;
			void kind;
			return figures;
		};
		return {
			rows: branchYears.map(strip).sort((a, b) => a.branchId.localeCompare(b.branchId)),
			bureau: bureau ? strip(bureau) : null
		};
	}

	async function expectSummariesToMatch() {
		const held = await onTheOfficeDevice();
		const expected = await direct();
		expect(held.rows).toEqual(expected.rows.sort((a, b) => a.branchId.localeCompare(b.branchId)));
		expect(held.bureau).toEqual(expected.bureau);
		return held;
	}

	async function member(id: string): Promise<Member> {
		const found = (await raw<Member>('members')).find((m) => m.id === id);
		if (!found) throw new Error(`No member ${id}`);
		return found;
	}

	async function put<T extends { id: string }>(name: CollectionName, doc: T) {
		const stored = await world
			.db(name)
			.get(doc.id)
			.catch(() => null);
		await world
			.db(name)
			.put({ ...toStored(doc), ...(stored ? { _rev: stored._rev } : {}) } as StoredDoc);
	}

	it('gives the office the figures of its branches and bureau, as the records give them', async () => {
		const held = await expectSummariesToMatch();
		expect(held.rows.map((r) => r.branchId)).toEqual(['br1', 'br2', 'br3', 'br4', 'br5', 'br6']);
		expect(held.bureau?.coverage.members).toBe(121);
		// The office holds summaries, not the records they come from: of reports, only its
		// branches' own reports to their linked communities (R1).
		const reports = await office.ids('reports');
		expect(reports.length).toBeGreaterThan(0);
		expect(reports.filter((id) => !id.startsWith('br.'))).toEqual([]);
	});

	it('follows a new report and its return by the community', async () => {
		const report = reportToSubmit({
			member: await member('m001'),
			kind: 'residence',
			communityId: 'cm1',
			existing: null,
			note: '',
			now: new Date()
		});
		await put('reports', report);
		await expectSummariesToMatch();
		const waiting = await office.findOne('evaluations', `member-year.m001.${year}`);
		expect(waiting).toMatchObject({ residence: 'waiting' });

		await put(
			'reviews',
			reviewOf(report, 'community1', { decision: 'returned', reason: '请写明楼栋号' }, new Date())
		);
		await expectSummariesToMatch();
		expect(await office.findOne('evaluations', `member-year.m001.${year}`)).toMatchObject({
			residence: 'returned'
		});
	});

	it("follows a confirmed breach and a community's 差 into the member's points, grade and gates", async () => {
		const summaryId = `member-year.m002.${year}`;
		const before = (await office.findOne('evaluations', summaryId)) as MemberYearSummary | null;
		const m002 = await member('m002');
		const base = {
			memberId: 'm002',
			branchId: m002.branchId,
			orgId: m002.orgId,
			communityId: 'cm1',
			year
		};
		await put(
			'evaluations',
			withChannels('evaluations', {
				...base,
				id: `feedback.${year}.cm1.m002`,
				kind: 'feedback',
				memberName: m002.name,
				grade: 'poor',
				comment: '多次未按约定到岗',
				by: 'community1',
				updatedAt: new Date().toISOString(),
				channels: []
			})
		);
		// A breach and the office's decision, as H1's kinds store them (only their points matter here).
		const breachId = 'breach.m002.0123456789';
		await put('evaluations', {
			...base,
			id: breachId,
			kind: 'breach',
			rule: 'seeking-favours',
			occurredOn: `${year}-01-02`,
			description: '要求社区报销餐费',
			channels: [`member:m002/${year}`]
		});
		await put('evaluations', {
			...base,
			id: `${breachId}.decision`,
			kind: 'breach-decision',
			breachId,
			outcome: 'confirmed',
			severity: 'serious',
			reason: '经核实属实',
			decidedAt: new Date().toISOString(),
			channels: [`member:m002/${year}`]
		});
		await expectSummariesToMatch();
		const after = (await office.findOne('evaluations', summaryId)) as MemberYearSummary | null;
		expect(after).toMatchObject({ breaches: 1, feedbackGrade: 'poor' });
		expect(after?.gates).toEqual(expect.arrayContaining(['breach', 'feedback-poor']));
		expect(after?.points).toBe((before?.points ?? 0) - 20);
	});

	it('follows a check-out removed, and one added again', async () => {
		const records = await raw<Attendance>('attendance');
		const checkOut = records.find(
			(r) => r.kind === 'out' && r.activityId === 'act-demo-br1-partyday'
		);
		expect(checkOut).toBeDefined();
		if (!checkOut) return;
		const summaryId = `member-year.${checkOut.memberId}.${year}`;
		const stored = await world.db('attendance').get(checkOut.id);
		await world.db('attendance').remove(stored);
		await expectSummariesToMatch();
		// Without a check-out the member counts until the end of the activity.
		const without = Number(
			((await office.findOne('evaluations', summaryId)) as MemberYearSummary | null)?.serviceMinutes
		);

		const activity = (await world.db('activities').get(checkOut.activityId)) as unknown as Activity;
		await put('attendance', {
			...checkOut,
			// Left half an hour after the start.
			at: new Date(Date.parse(activity.startsAt) + 30 * 60_000).toISOString()
		});
		await expectSummariesToMatch();
		const early = Number(
			((await office.findOne('evaluations', summaryId)) as MemberYearSummary | null)?.serviceMinutes
		);
		expect(early).toBeLessThan(without);
	});

	it('follows a member moving to another branch, and a member removed', async () => {
		const moving = await member('m003');
		await put('members', withChannels('members', { ...moving, branchId: 'br2' }));
		const leaving = await world.db('members').get('m004');
		await world.db('members').remove(leaving);
		await expectSummariesToMatch();
		expect(await office.findOne('evaluations', `member-year.m003.${year}`)).toMatchObject({
			branchId: 'br2'
		});
		expect(await office.findOne('evaluations', `member-year.m004.${year}`)).toBeNull();
	});

	it('follows a claim marked done, returned, done again and confirmed by the community', async () => {
		const m = await member('m005');
		const now = new Date();
		const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
		const summaryId = `member-year.${m.id}.${year}`;
		const before = (await office.findOne('evaluations', summaryId)) as MemberYearSummary | null;
		const claim: Claim = withChannels('attendance', {
			id: claimId('it-summary-wish', m.id),
			kind: 'claim',
			itemId: 'it-summary-wish',
			itemKind: 'micro-wish',
			communityId: 'cm1',
			memberId: m.id,
			memberName: m.name,
			branchId: m.branchId,
			orgId: m.orgId,
			claimedAt: at(120),
			state: 'done',
			done: { at: at(60), minutes: 60, note: '已送到', photos: [] },
			updatedAt: at(60),
			channels: []
		} satisfies Claim);
		await put('attendance', claim);
		await put(
			'attendance',
			decisionOf(claim, { decision: 'returned', reason: '请补一张照片' }, 'community1', now)
		);
		await expectSummariesToMatch();
		expect(await office.findOne('evaluations', summaryId)).toMatchObject({
			microWishes: before?.microWishes ?? 0
		});

		const again: Claim = { ...claim, done: { ...claim.done!, at: at(30) }, updatedAt: at(30) };
		await put('attendance', again);
		await put('attendance', decisionOf(again, { decision: 'confirmed' }, 'community1', now));
		await expectSummariesToMatch();
		expect(await office.findOne('evaluations', summaryId)).toMatchObject({
			microWishes: (before?.microWishes ?? 0) + 1
		});
	});

	it("follows an activity's cancellation to everyone checked in at it", async () => {
		const partyDay = (await raw<Activity>('activities')).find(
			(a) => a.id === 'act-demo-br1-partyday'
		);
		if (!partyDay) throw new Error('No party day in the demo');
		const attendee = (await raw<Attendance>('attendance')).find(
			(r) => r.kind === 'in' && r.activityId === partyDay.id
		);
		const before = (await office.findOne(
			'evaluations',
			`member-year.${attendee?.memberId}.${year}`
		)) as MemberYearSummary | null;
		await put('activities', withChannels('activities', { ...partyDay, cancelled: true }));
		const held = await expectSummariesToMatch();
		const after = (await office.findOne(
			'evaluations',
			`member-year.${attendee?.memberId}.${year}`
		)) as MemberYearSummary | null;
		expect(after?.attended).toBe(Number(before?.attended) - 1);
		expect(held.rows.find((r) => r.branchId === 'br1')?.duties).toContainEqual(
			expect.objectContaining({ type: 'party-day', state: 'not-planned' })
		);
	});
});

describe('summaries at the turn of the year', () => {
	let world: World;
	// 23:00 on New Year's Eve in Shanghai.
	let clock = new Date('2026-12-31T15:00:00.000Z');

	beforeAll(async () => {
		world = await World.start([], { now: () => clock });
	});
	afterAll(() => world.close());

	it('sums up the new year once it has begun, and keeps the old one', async () => {
		const summary = (id: string) =>
			world
				.db('evaluations')
				.get(id)
				.catch(() => null);
		expect(await summary('bureau-year.org-zjj.2026')).toMatchObject({ coverage: { members: 121 } });
		expect(await summary('bureau-year.org-zjj.2027')).toBeNull();

		clock = new Date('2026-12-31T16:00:00.000Z');
		await world.server.app.summaries?.idle();
		expect(await summary('bureau-year.org-zjj.2027')).toMatchObject({ coverage: { members: 121 } });
		expect(await summary('member-year.m001.2027')).toMatchObject({ attended: 0, year: 2027 });
		expect(await summary('bureau-year.org-zjj.2026')).toMatchObject({ coverage: { members: 121 } });
	});
});
