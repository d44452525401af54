import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiYear } from '../../src/lib/domain/calendar/shanghai-calendar';
import { memberYearId } from '../../src/lib/domain/evaluation/member-year';
import { standingOf, type MemberStanding } from '../../src/lib/domain/points/member-standing';
import {
	defaultScheme,
	isPointsScheme,
	pointsSchemeId,
	type PointsScheme
} from '../../src/lib/domain/points/points-scheme';
import {
	approvalOf,
	ownRecordOf,
	recordReviewOf
} from '../../src/lib/domain/records/record-drafts';
import { recordViews, type RecordView } from '../../src/lib/domain/records/record-status';
import { isApproval } from '../../src/lib/domain/records/approvals';
import { isCorrection } from '../../src/lib/domain/records/corrections';
import { isServiceRecord, type ServiceRecord } from '../../src/lib/domain/records/service-record';
import { isReview } from '../../src/lib/domain/reporting/reviews';
import type { CollectionName, Member, MemberYearSummary } from '../../src/lib/domain/registry';
import { plainOf } from '../../src/lib/server/stored-doc';
import type { TestDevice } from '../support/test-device';
import { World } from '../support/world';

const DAY = 24 * 60 * 60_000;

type Docs = { reports: object[]; reviews: object[]; schemes: PointsScheme[] };

/** What a standing shows a person: the points, line by line, and the grade. */
function shown(standing: MemberStanding) {
	return {
		total: standing.points.total,
		grade: standing.grade.grade,
		lines: standing.points.lines.map((line) => [line.source.id, line.rule, line.points])
	};
}

function viewsOf(docs: Docs): RecordView[] {
	return recordViews({
		records: docs.reports.filter(isServiceRecord),
		corrections: docs.reports.filter(isCorrection),
		reviews: docs.reviews.filter(isReview),
		approvals: docs.reviews.filter(isApproval)
	});
}

/**
 * Issue 17: a secretary approves on a tablet offline while the community confirms on its own
 * device; whatever order they reconnect in, the member's points and grade are the same on the
 * member's phone, the secretary's tablet, the office's summary and the server. Forged approvals
 * are refused and count for nothing; a new version of the bureau's scheme changes the summary.
 */
describe.each([
	['the secretary first', ['secretary', 'community'] as const],
	['the community first', ['community', 'secretary'] as const]
])('approving offline, reconnecting with %s', (_, order) => {
	let world: World;
	let phone: TestDevice;
	let tablet: TestDevice;
	let staff: TestDevice;
	let office: TestDevice;
	let otherSecretary: TestDevice;
	let member1: Member;
	const year = shanghaiYear(new Date());

	beforeAll(async () => {
		world = await World.start(['member1', 'secretary1', 'community1', 'office1', 'member21']);
		phone = await world.device('member1');
		tablet = await world.device('secretary1');
		staff = await world.device('community1');
		office = await world.device('office1');
		otherSecretary = await world.device('member21');
		member1 = plainOf<Member>(await world.db('members').get('m001'));
	});
	afterAll(() => world.close());

	async function deviceDocs(device: TestDevice): Promise<Docs> {
		return {
			reports: await device.find('reports'),
			reviews: await device.find('reviews'),
			schemes: (await device.find('directory')).filter(isPointsScheme)
		};
	}

	async function serverDocs(): Promise<Docs> {
		const all = async (name: CollectionName) =>
			(await world.db(name).allDocs({ include_docs: true })).rows.flatMap((row) =>
				row.doc && !row.id.startsWith('_design/') ? [plainOf<{ kind?: unknown }>(row.doc)] : []
			);
		return {
			reports: await all('reports'),
			reviews: await all('reviews'),
			schemes: (await all('directory')).filter(isPointsScheme)
		};
	}

	const standing = (docs: Docs) => standingOf(member1, 'cm1', docs, year, new Date());

	async function settle() {
		await world.server.app.summaries?.idle();
		for (const device of [phone, tablet, staff, office]) await device.sync();
	}

	async function officeSummary(): Promise<MemberYearSummary> {
		const summary = await office.findOne('evaluations', memberYearId('m001', year));
		if (!summary || summary.kind !== 'member-year') throw new Error('no summary of member1');
		return summary;
	}

	it('gives the member the same points and grade on every device and the server', async () => {
		// member1 records a service of their own, online; everyone holding the branch sees it.
		const record = ownRecordOf({
			member: member1,
			by: 'member1',
			key: 'itest17own',
			values: {
				at: new Date(Date.now() - 2 * DAY).toISOString(),
				minutes: 150,
				description: '协助社区整理老旧小区档案',
				communityId: 'cm1',
				category: 'service',
				photos: []
			},
			now: new Date()
		});
		await phone.writeChecked('reports', record);
		await phone.sync();
		await settle();
		await tablet.waitFor('reports', { id: record.id });
		await staff.waitFor('reports', { id: record.id });

		await Promise.all([tablet.setOffline(true), staff.setOffline(true)]);
		const waiting = viewsOf(await deviceDocs(tablet)).filter(
			(view) => view.state === 'needs-approval' && view.record.branchId === 'br1'
		);
		expect(waiting.length).toBeGreaterThanOrEqual(20);
		const [returnedView, ...rest] = waiting;
		const approved = [record, ...rest.slice(0, 19).map((view) => view.record)];
		// One tap: twenty approvals in one bulk write, on a tablet offline.
		await tablet.writeAllChecked(
			'reviews',
			approved.map((subject) => ({
				next: approvalOf(subject, 'secretary1', { decision: 'approved' }, new Date()),
				subject
			}))
		);
		const returned = returnedView!.record;
		await tablet.writeChecked(
			'reviews',
			approvalOf(
				returned,
				'secretary1',
				{ decision: 'returned', reason: '请补充服务现场照片' },
				new Date()
			),
			returned
		);
		// Meanwhile community1 confirms member1's record on its own device, offline too.
		await staff.writeChecked(
			'reviews',
			recordReviewOf(record, 'community1', { decision: 'confirmed' }, new Date()),
			record
		);

		for (const side of order) {
			const device = side === 'secretary' ? tablet : staff;
			await device.setOffline(false);
			await device.sync();
		}
		await settle();

		const onServer = standing(await serverDocs());
		const line = onServer.points.lines.find((l) => l.source.id === record.id);
		expect(line).toMatchObject({ rule: 'residence-service' });
		expect(line?.points).toBeGreaterThan(0);
		const serverViews = viewsOf(await serverDocs());
		expect(serverViews.find((v) => v.record.id === record.id)?.state).toBe('approved');
		expect(serverViews.find((v) => v.record.id === returned.id)).toMatchObject({
			state: 'returned',
			returned: { by: 'secretary', reason: '请补充服务现场照片' }
		});
		for (const subject of approved.slice(1)) {
			expect(serverViews.find((v) => v.record.id === subject.id)?.state).toBe('approved');
		}

		expect(shown(standing(await deviceDocs(phone)))).toEqual(shown(onServer));
		expect(shown(standing(await deviceDocs(tablet)))).toEqual(shown(onServer));
		expect(await officeSummary()).toMatchObject({
			points: onServer.points.total,
			grade: onServer.grade.grade
		});
	});

	it('refuses approvals by a secretary of another branch and by the member: nothing counts', async () => {
		const before = shown(standing(await serverDocs()));
		const target = viewsOf(await deviceDocs(tablet)).find(
			(view) => view.state === 'needs-approval' && view.record.memberId !== 'm001'
		)?.record as ServiceRecord;
		const own = viewsOf(await deviceDocs(phone)).find(
			(view) => view.record.memberId === 'm001' && view.state !== 'approved'
		)?.record as ServiceRecord;
		expect(target).toBeDefined();
		expect(own).toBeDefined();

		// Written past the devices' own checks, as a tampered app would: the gateway decides.
		const byOtherBranch = approvalOf(target, 'member21', { decision: 'approved' }, new Date());
		const byMember = approvalOf(own, 'member1', { decision: 'approved' }, new Date());
		await otherSecretary.insert('reviews', byOtherBranch);
		await phone.insert('reviews', byMember);
		await Promise.all([otherSecretary.sync(), phone.sync()]);

		const [refusedOther] = await otherSecretary.waitFor('notices', { docId: byOtherBranch.id });
		expect(refusedOther).toMatchObject({ kind: 'write-rejected', docCollection: 'reviews' });
		const [refusedMember] = await phone.waitFor('notices', { docId: byMember.id });
		expect(refusedMember).toMatchObject({ kind: 'write-rejected', docCollection: 'reviews' });
		for (const id of [byOtherBranch.id, byMember.id]) {
			await expect(world.db('reviews').get(id)).rejects.toMatchObject({ status: 404 });
		}
		await settle();
		expect(shown(standing(await serverDocs()))).toEqual(before);
		expect(shown(standing(await deviceDocs(phone)))).toEqual(before);
		const views = viewsOf(await serverDocs());
		expect(views.find((v) => v.record.id === target.id)?.state).toBe('needs-approval');
		expect(views.find((v) => v.record.id === own.id)?.state).not.toBe('approved');
	});

	it("follows a new version of the bureau's scheme in the member's summary", async () => {
		await settle();
		const before = await officeSummary();
		const base = defaultScheme(member1.orgId, year);
		// From two months ago, emergencies and residence services count double.
		const from = new Date(Date.now() - 60 * DAY + 8 * 3_600_000).toISOString().slice(0, 10);
		const scheme: PointsScheme = {
			...base,
			id: pointsSchemeId(member1.orgId, year, 1),
			version: 1,
			effectiveFrom: from.startsWith(String(year)) ? from : `${year}-01-01`,
			rules: {
				...base.rules,
				emergency: { points: 20, cap: null },
				'residence-service': { ...base.rules['residence-service'], points: 10 }
			},
			note: '鼓励应急和居住地服务',
			author: 'office1',
			updatedAt: new Date().toISOString()
		};
		await office.writeChecked('directory', scheme);
		await office.sync();
		await settle();
		const onServer = standing(await serverDocs());
		const after = await officeSummary();
		expect(after.points).toBe(onServer.points.total);
		expect(after.grade).toBe(onServer.grade.grade);
		expect(after.points).toBeGreaterThan(before.points ?? 0);
		expect(onServer.points.lines.some((line) => line.schemeVersion === 1)).toBe(true);
	});
});
