import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkChangeOf } from '../../src/lib/domain/directory/pairing-drafts';
import type { Community, Member, Org } from '../../src/lib/domain/registry';
import { branchReportingCoverage } from '../../src/lib/domain/reporting/branch-coverage';
import {
	branchReportReviewOf,
	branchReportToSubmit
} from '../../src/lib/domain/reporting/branch-report-drafts';
import { branchReportStatus } from '../../src/lib/domain/reporting/branch-report-status';
import {
	branchReportId,
	isBranchReport,
	type BranchReport
} from '../../src/lib/domain/reporting/branch-reports';
import { isReview } from '../../src/lib/domain/reporting/reviews';
import type { TestDevice } from '../support/test-device';
import { World } from '../support/world';

/**
 * Issue 18's pairing through real devices and the gateway, with the functions the screens use:
 * the office links a branch to a community (only the office), the secretary reports the branch
 * there, the community's staff decide (only theirs), and the office counts branches reported.
 */
describe('branch reports to the linked community', () => {
	let world: World;
	let office: TestDevice;
	let secretary: TestDevice;
	let staff: TestDevice;
	let otherStaff: TestDevice;

	beforeAll(async () => {
		world = await World.start(['office1', 'secretary1', 'community1', 'community2']);
		[office, secretary, staff, otherStaff] = await Promise.all([
			world.device('office1'),
			world.device('secretary1'),
			world.device('community1'),
			world.device('community2')
		]);
		await Promise.all([office, secretary, staff, otherStaff].map((device) => device.sync()));
	});
	afterAll(() => world.close());

	const stored = async <T>(collection: 'directory' | 'reports' | 'reviews', id: string) => {
		const { _id, _rev, ...fields } = (await world.db(collection).get(id)) as Record<
			string,
			unknown
		>;
		void _rev;
		return { ...fields, id: _id } as T;
	};
	const branchOn = async (device: TestDevice) =>
		(await device.findOne('directory', 'br1')) as unknown as Org;
	const communitiesOn = async (device: TestDevice) =>
		(await device.find('directory', { kind: 'community' })) as unknown as Community[];

	async function submitOn(device: TestDevice, note: string): Promise<BranchReport> {
		const branch = await branchOn(device);
		const id = branchReportId('br1', branch.linkedCommunityId ?? '');
		const existing = (await device.findOne('reports', id)) as BranchReport | null;
		const reviews = (await device.find('reviews', { subjectId: id })).filter(isReview);
		const secretaryMember = (await device.findOne('members', 'm121')) as Member;
		const draft = branchReportToSubmit({
			branch,
			secretary: secretaryMember,
			existing,
			reviews,
			note,
			now: new Date()
		});
		if (!draft.ok) throw new Error(draft.problems.join());
		await device.writeChecked('reports', draft.report, branch);
		await device.sync();
		return draft.report;
	}

	async function officeCoverage() {
		await office.sync();
		const orgs = (await office.find('directory', { kind: 'branch' })) as unknown as Org[];
		const reports = (await office.find('reports', { kind: 'branch-report' })).filter(
			isBranchReport
		);
		const reviews = (await office.find('reviews', { orgId: 'org-zjj' })).filter(isReview);
		return branchReportingCoverage('org-zjj', orgs, reports, reviews);
	}

	it('has the secretary report, the linked community return and confirm, the office count it', async () => {
		// The demo: br1 has not reported, four of the other five branches are confirmed.
		expect(await officeCoverage()).toMatchObject({ branches: 6, reported: 4 });

		const first = await submitOn(secretary, '');
		expect(first).toMatchObject({ id: 'br.br1.cm1', communityId: 'cm1', submission: 1 });
		await expect(stored<BranchReport>('reports', first.id)).resolves.toMatchObject({
			secretaryMemberId: 'm121'
		});

		await staff.sync();
		const arrived = (await staff.findOne('reports', first.id)) as BranchReport;
		expect(arrived).toMatchObject({ kind: 'branch-report', branchId: 'br1' });
		const returned = branchReportReviewOf(
			arrived,
			'community1',
			{ decision: 'returned', reason: '请写明支部党员人数' },
			new Date()
		);
		await staff.writeChecked('reviews', returned, arrived);
		await staff.sync();

		await secretary.sync();
		const held = (await secretary.findOne('reports', first.id)) as BranchReport;
		const decisions = (await secretary.find('reviews', { subjectId: first.id })).filter(isReview);
		expect(branchReportStatus(held, decisions)).toMatchObject({
			state: 'returned',
			reason: '请写明支部党员人数'
		});

		const again = await submitOn(secretary, '支部党员21名');
		expect(again.submission).toBe(2);
		await staff.sync();
		const resubmitted = (await staff.findOne('reports', first.id)) as BranchReport;
		expect(resubmitted.submission).toBe(2);
		await staff.writeChecked(
			'reviews',
			branchReportReviewOf(resubmitted, 'community1', { decision: 'confirmed' }, new Date()),
			resubmitted
		);
		await staff.sync();

		const coverage = await officeCoverage();
		expect(coverage).toMatchObject({ branches: 6, reported: 5 });
		expect(coverage.missing.map((row) => row.branch.id)).toEqual(['br4']);
	});

	it('refuses a decision by staff of a community the report was not sent to', async () => {
		// br4's report waits for cm5; community2's staff neither hold it nor may decide it.
		const report = await stored<BranchReport>('reports', branchReportId('br4', 'cm5'));
		expect(await otherStaff.findOne('reports', report.id)).toBeNull();
		const forged = branchReportReviewOf(
			report,
			'community2',
			{ decision: 'returned', reason: '不是我们社区' },
			new Date()
		);
		await expect(otherStaff.writeChecked('reviews', forged, report)).rejects.toMatchObject({
			reason: 'forbidden'
		});
		// As a tampered app would write it, naming its own community: it does not match the report.
		const asOwn = { ...forged, communityId: 'cm2' };
		const tampered = { ...asOwn, channels: ['branch:br4', 'bureau:org-zjj', 'community:cm2'] };
		await expect(otherStaff.writeChecked('reviews', tampered, report)).rejects.toMatchObject({
			reason: 'subject-mismatch'
		});
		await otherStaff.insert('reviews', tampered);
		await otherStaff.sync();
		const [refused] = await otherStaff.waitFor('notices', { docId: tampered.id });
		expect(refused).toMatchObject({ kind: 'write-rejected', docCollection: 'reviews' });
		await expect(world.db('reviews').get(tampered.id)).rejects.toMatchObject({ status: 404 });
		expect((await officeCoverage()).missing.map((row) => row.branch.id)).toEqual(['br4']);
	});

	it('refuses a report to a community that is not the branch’s linked one', async () => {
		const branch = await branchOn(secretary);
		const draft = branchReportToSubmit({
			branch: { ...branch, linkedCommunityId: 'cm3' },
			secretary: { id: 'm121', name: '书记' },
			existing: null,
			reviews: [],
			note: '',
			now: new Date()
		});
		if (!draft.ok) throw new Error(draft.problems.join());
		await expect(secretary.writeChecked('reports', draft.report, branch)).rejects.toMatchObject({
			reason: 'subject-mismatch'
		});
		await secretary.insert('reports', draft.report);
		await secretary.sync();
		const [refused] = await secretary.waitFor('notices', { docId: draft.report.id });
		expect(refused).toMatchObject({ kind: 'write-rejected', docCollection: 'reports' });
		await expect(world.db('reports').get(draft.report.id)).rejects.toMatchObject({ status: 404 });
	});

	it('lets only the office change the link, with history; the branch then reports anew', async () => {
		const branch = await branchOn(secretary);
		const byOffice = (device: TestDevice, by: string) =>
			communitiesOn(device).then((communities) =>
				linkChangeOf({ branch, communityId: 'cm2', communities, by, now: new Date() })
			);

		// The secretary's device refuses; a tampered one is refused by the gateway.
		const bySecretary = await byOffice(secretary, 'secretary1');
		if (!bySecretary.ok) throw new Error(bySecretary.problems.join());
		await expect(secretary.writeChecked('directory', bySecretary.org)).rejects.toMatchObject({
			reason: 'forbidden'
		});
		await secretary.upsert('directory', bySecretary.org);
		await secretary.sync();
		const [refused] = await secretary.waitFor('notices', { docId: 'br1' });
		expect(refused).toMatchObject({ kind: 'write-rejected', docCollection: 'directory' });
		await expect(stored<Org>('directory', 'br1')).resolves.toMatchObject({
			linkedCommunityId: 'cm1'
		});

		// A change without its history entry is refused too, also from the office.
		await expect(
			office.writeChecked('directory', { ...branch, linkedCommunityId: 'cm2' })
		).rejects.toMatchObject({ reason: 'invalid' });

		const change = await byOffice(office, 'office1');
		if (!change.ok) throw new Error(change.problems.join());
		await office.writeChecked('directory', change.org);
		await office.sync();
		const linked = await stored<Org>('directory', 'br1');
		expect(linked.linkedCommunityId).toBe('cm2');
		expect(linked.linkHistory?.map((entry) => [entry.communityId, entry.by])).toEqual([
			['cm1', 'office1'],
			['cm2', 'office1']
		]);

		// Confirmed by the community it left: br1 counts again only once cm2 confirms.
		expect((await officeCoverage()).missing.map((row) => row.branch.id)).toEqual(['br1', 'br4']);
		await secretary.sync();
		const report = await submitOn(secretary, '');
		expect(report).toMatchObject({ id: 'br.br1.cm2', submission: 1 });
		await otherStaff.sync();
		const arrived = (await otherStaff.findOne('reports', report.id)) as BranchReport;
		await otherStaff.writeChecked(
			'reviews',
			branchReportReviewOf(arrived, 'community2', { decision: 'confirmed' }, new Date()),
			arrived
		);
		await otherStaff.sync();
		expect(await officeCoverage()).toMatchObject({ reported: 5 });
	});
});
