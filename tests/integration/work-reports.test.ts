import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiYear } from '../../src/lib/domain/calendar/shanghai-calendar';
import type { Community, Org } from '../../src/lib/domain/registry';
import {
	residentRatingId,
	staffRatingId,
	type Rating
} from '../../src/lib/domain/work-reports/ratings';
import { ratingSummary } from '../../src/lib/domain/work-reports/rating-summary';
import { SECTION_KEYS, type WorkReport } from '../../src/lib/domain/work-reports/work-report';
import {
	staffRatingToSave,
	workReportToSave
} from '../../src/lib/domain/work-reports/work-report-writes';
import { tokenHashOf } from '../../src/lib/server/rating-tokens';
import { plainOf, type StoredDoc } from '../../src/lib/server/stored-doc';
import type { TestDevice } from '../support/test-device';
import { World } from '../support/world';

/**
 * 述职评议 (R9) through real devices and the gateway: the secretary submits the report, the
 * community's staff issue one-time tokens, residents rate through the public API — once per
 * token, even when two uses race — and no device can pass a rating off as a resident's.
 */
describe('述职评议: ratings of the secretary’s annual report', () => {
	let world: World;
	let secretary: TestDevice;
	let staff: TestDevice;
	let otherStaff: TestDevice;
	let street: TestDevice;
	let office: TestDevice;
	let report: WorkReport;
	let tokens: string[] = [];
	const year = shanghaiYear(new Date());

	const publicRating = async (body: unknown) => {
		const response = await fetch(`${world.url}/api/public/rating`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body)
		});
		return { status: response.status, body: (await response.json()) as Record<string, unknown> };
	};
	const issue = (device: TestDevice, body: unknown) =>
		device.request('/api/rating-tokens', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body)
		});
	const storedRatings = async () => {
		const { rows } = await world.db('reviews').allDocs({ include_docs: true });
		return rows
			.map((row) => plainOf<Rating>(row.doc as StoredDoc))
			.filter((doc) => doc.kind === 'rating' && doc.reportId === report.id);
	};

	beforeAll(async () => {
		world = await World.start(['secretary1', 'community1', 'community2', 'street1', 'office1']);
		[secretary, staff, otherStaff, street, office] = await Promise.all([
			world.device('secretary1'),
			world.device('community1'),
			world.device('community2'),
			world.device('street1'),
			world.device('office1')
		]);
		await Promise.all([secretary, staff, otherStaff, street, office].map((d) => d.sync()));
	});
	afterAll(() => world.close());

	async function save(submit: boolean): Promise<WorkReport> {
		const branch = (await secretary.findOne('directory', 'br1')) as unknown as Org;
		const community = (await secretary.findOne(
			'directory',
			branch.linkedCommunityId ?? ''
		)) as unknown as Community;
		const existing = (await secretary.findOne(
			'reports',
			`work-report.${year}.br1`
		)) as WorkReport | null;
		const saved = workReportToSave({
			year,
			branch,
			community,
			secretary: { memberId: 'm121', name: '书记', username: 'secretary1' },
			existing,
			sections: Object.fromEntries(
				SECTION_KEYS.map((key) => [key, { text: `${key}：本年度工作情况。` }])
			) as WorkReport['sections'],
			submit,
			now: new Date()
		});
		if (!saved.ok) throw new Error(saved.problems.join());
		await secretary.writeChecked('reports', saved.doc);
		await secretary.sync();
		return saved.doc;
	}

	it('issues tokens only to the community’s staff, for a submitted report', async () => {
		report = await save(false);
		expect(report).toMatchObject({ communityId: 'cm1', streetId: 'st1' });
		await staff.sync();
		expect(await issue(staff, { reportId: report.id, count: 2 })).toMatchObject({
			status: 409,
			body: { error: 'not_submitted' }
		});
		report = await save(true);
		await Promise.all([staff.sync(), otherStaff.sync()]);
		// Another community's staff: as if there were no such report.
		expect(await issue(otherStaff, { reportId: report.id, count: 2 })).toMatchObject({
			status: 404
		});
		expect(await issue(staff, { reportId: report.id, count: 0 })).toMatchObject({ status: 400 });
		const issued = await issue(staff, { reportId: report.id, count: 3 });
		expect(issued.status).toBe(200);
		tokens = (issued.body as { tokens: string[] }).tokens;
		expect(tokens).toHaveLength(3);
		// Only hashes are kept.
		const { rows } = await world.db('config').allDocs({ include_docs: true });
		const kept = JSON.stringify(rows);
		for (const token of tokens) {
			expect(kept).not.toContain(token);
			expect(kept).toContain(tokenHashOf(token));
		}
	});

	it('shows the resident what is announced, and takes one rating per token even in a race', async () => {
		const [token] = tokens as [string];
		const seen = await publicRating({ token: token.toLowerCase() });
		expect(seen).toMatchObject({
			status: 200,
			body: { report: { year, branchName: '局机关第一党支部', secretaryName: '书记' } }
		});
		expect(JSON.stringify(seen.body)).not.toMatch(/m121|secretary1|1[3-9]\d{9}/);

		const [first, second] = await Promise.all([
			publicRating({ token, grade: 'satisfied', comment: '常来社区' }),
			publicRating({ token, grade: 'dissatisfied' })
		]);
		expect([first.status, second.status].sort()).toEqual([200, 409]);
		expect(await publicRating({ token, grade: 'satisfied' })).toMatchObject({
			status: 409,
			body: { error: 'token_used' }
		});
		expect(await publicRating({ token })).toMatchObject({ status: 409 });
		expect(await publicRating({ token: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' })).toMatchObject({
			status: 410,
			body: { error: 'token_invalid' }
		});
		const residents = (await storedRatings()).filter((r) => r.raterGroup === 'resident');
		expect(residents).toHaveLength(1);
		expect(residents[0]?.id).toBe(residentRatingId(report.id, tokenHashOf(token)));
		expect(residents[0]).not.toHaveProperty('by');
	});

	it('refuses ratings forged as residents’ or as another group’s, on the device and the gateway', async () => {
		await street.sync();
		const held = (await street.findOne('reports', report.id)) as WorkReport;
		const saved = staffRatingToSave({
			report: held,
			raterGroup: 'street',
			username: 'street1',
			grade: 'satisfied',
			comment: '',
			now: new Date()
		});
		if (!saved.ok) throw new Error(saved.problems.join());
		const forged: Rating = {
			...saved.doc,
			id: residentRatingId(report.id, tokenHashOf(tokens[1] ?? '')),
			raterGroup: 'resident'
		};
		delete forged.by;
		await expect(street.writeChecked('reviews', forged)).rejects.toMatchObject({
			reason: 'server-owned'
		});
		await street.insert('reviews', forged);
		await street.sync();
		await expect(world.db('reviews').get(forged.id)).rejects.toMatchObject({ status: 404 });

		// The community's staff cannot rate as the street.
		const posing: Rating = {
			...saved.doc,
			id: staffRatingId(report.id, 'community1'),
			by: 'community1'
		};
		await expect(staff.writeChecked('reviews', posing)).rejects.toMatchObject({
			reason: 'forbidden'
		});
		await staff.insert('reviews', posing);
		await staff.sync();
		await expect(world.db('reviews').get(posing.id)).rejects.toMatchObject({ status: 404 });

		// The forged token still works for its resident.
		expect(await publicRating({ token: tokens[1], grade: 'basically-satisfied' })).toMatchObject({
			status: 200
		});
		await street.writeChecked('reviews', saved.doc);
		await street.sync();
	});

	it('gives the office the counts per group and the satisfaction rate', async () => {
		await office.sync();
		const ratings = (await office.find('reviews', { kind: 'rating' })) as Rating[];
		const summary = ratingSummary(ratings.filter((r) => r.reportId === report.id));
		// One of the racing uses won, 满意 or 不满意; the forged token's resident said 基本满意.
		const resident = summary.byGroup.resident;
		expect(resident['basically-satisfied']).toBe(1);
		expect(resident.satisfied + resident.dissatisfied).toBe(1);
		expect(summary.byGroup.street.satisfied).toBe(1);
		expect(summary.count).toBe(3);
		expect(summary.satisfactionRate).not.toBeNull();
	});

	it('limits the public API per address', async () => {
		const answers = await Promise.all(
			Array.from({ length: 30 }, () => publicRating({ token: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' }))
		);
		expect(answers.some((answer) => answer.status === 429)).toBe(true);
	});
});
