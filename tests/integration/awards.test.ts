import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	announceAward,
	decideAward,
	draftAward,
	outcomeDraft,
	type Writer
} from '../../src/lib/domain/awards/award-drafts';
import { objectionId, type Award, type Nominee } from '../../src/lib/domain/awards/awards';
import type { Objection, ObjectionOutcome } from '../../src/lib/domain/awards/objections';
import { objectionFrom } from '../../src/lib/domain/awards/public-notice';
import { toStored } from '../../src/lib/server/demo/demo-seed';
import { plainOf } from '../../src/lib/server/stored-doc';
import { HttpClient } from '../support/http-client';
import { NOW, World, type GatewayRow as Row } from '../support/world';

/**
 * Awards and 公示 (R18) over HTTP: the office announces; anyone objects on the public API while
 * the period is open — no device can write an objection —; the public answer holds only what was
 * announced (no contact, no member id), and a draft answers 404 exactly like an unknown award.
 */

const ORG = 'org-zjj';
const CONTACT = '13912345678';
let clock = NOW;
const writer = (): Writer => ({ by: 'office1', now: clock });

const NAMES: Record<string, string> = { m001: '李明', m002: '王芳', m003: '赵强' };

function nominee(memberId: string): Nominee {
	return {
		memberId,
		name: NAMES[memberId] ?? '党员',
		branchName: '第一支部',
		citation: '全年志愿服务38小时',
		reasons: ['服务时长 38 小时']
	};
}

function ok<T>(draft: { ok: true; doc: T } | { ok: false; problems: unknown }): T {
	if (!draft.ok) throw new Error(JSON.stringify(draft.problems));
	return draft.doc;
}

const bureau = { orgId: ORG, orgName: '州住建局', year: 2026 };
const star = ok(
	draftAward(null, { ...bureau, type: 'volunteer-star' }, [nominee('m001'), nominee('m002')], {
		by: 'office1',
		now: NOW
	})
);
const cadre = ok(
	draftAward(null, { ...bureau, type: 'exemplary-cadre' }, [nominee('m003')], {
		by: 'office1',
		now: NOW
	})
);
// NOW is 20 November 2026, 12:00 in Shanghai: the notice runs 18–24 November.
const decided = ok(decideAward(star, writer()));
const announced = ok(announceAward(decided, { startsOn: '2026-11-18', days: 7 }, writer()));

describe('awards and their public notice', () => {
	let world: World;
	let office: HttpClient;
	let member: HttpClient;
	let anonymous: HttpClient;
	const revs = new Map<string, string>();

	async function push(client: HttpClient, docs: (Award | Objection | ObjectionOutcome)[]) {
		const body = docs.map((doc) => {
			const rev = revs.get(doc.id);
			return { ...toStored(doc), ...(rev ? { _rev: rev } : {}) };
		});
		const rows = (
			await client.json<Row[]>('/sync/evaluations/_bulk_docs', {
				method: 'POST',
				json: { docs: body }
			})
		).body;
		for (const row of rows) if (row.ok && row.id && row.rev) revs.set(row.id, row.rev);
		return rows;
	}

	const notice = (id: string) => anonymous.request(`/api/public/notices/${id}`);
	const object = (id: string, json: unknown, client = anonymous) =>
		client.request(`/api/public/notices/${id}/objections`, { method: 'POST', json });

	beforeAll(async () => {
		world = await World.start(['member1', 'office1'], { now: () => clock });
		office = new HttpClient(world.url);
		member = new HttpClient(world.url);
		anonymous = new HttpClient(world.url);
		expect((await office.signIn('office1')).status).toBe(200);
		expect((await member.signIn('member1')).status).toBe(200);
		expect(await push(office, [star, cadre])).toMatchObject([{ ok: true }, { ok: true }]);
		expect(await push(office, [decided])).toMatchObject([{ ok: true }]);
		expect(await push(office, [announced])).toMatchObject([{ ok: true }]);
	});
	afterAll(() => world?.close());

	it('answers a draft exactly like an unknown award', async () => {
		const draft = await notice(cadre.id);
		const unknown = await notice(`award.${ORG}.2026.nothing`);
		expect(draft.status).toBe(404);
		expect(unknown.status).toBe(404);
		expect(await draft.json()).toEqual(await unknown.json());
		expect((await object(cadre.id, { text: '有异议' })).status).toBe(404);
	});

	it('shows only what was announced', async () => {
		const response = await notice(announced.id);
		expect(response.status).toBe(200);
		const { notice: shown } = (await response.json()) as { notice: Record<string, unknown> };
		expect(shown).toMatchObject({
			orgName: '州住建局',
			state: 'announced',
			phase: 'open',
			noticeStartsOn: '2026-11-18',
			noticeEndsOn: '2026-11-24'
		});
		const text = JSON.stringify(shown);
		for (const hidden of ['m001', 'office1', 'reasons', '服务时长'])
			expect(text).not.toContain(hidden);
	});

	it('takes an objection from anyone while open, with the contact for the office only', async () => {
		const response = await object(announced.id, {
			text: '据我所知此人并未参加服务',
			name: '王某',
			contact: CONTACT,
			nominee: 2
		});
		expect(response.status).toBe(201);
		const { receipt } = (await response.json()) as { receipt: string };
		expect(receipt).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
		const stored = plainOf<Objection>(
			await world.db('evaluations').get(objectionId(announced.id, 1))
		);
		expect(stored).toMatchObject({
			kind: 'objection',
			nomineeId: 'm002',
			objectorContact: CONTACT,
			receipt,
			channels: [`bureau:${ORG}/2026`]
		});
		const second = await object(announced.id, { text: '第二条异议' });
		expect(second.status).toBe(201);
		expect(await world.db('evaluations').get(objectionId(announced.id, 2))).toBeTruthy();
		expect(JSON.stringify(await (await notice(announced.id)).json())).not.toContain(CONTACT);
		// The office's device receives it; a member's does not.
		const pulled = async (client: HttpClient) =>
			JSON.stringify(
				(
					await client.json(
						`/sync/evaluations/_all_docs?include_docs=true&keys=${encodeURIComponent(JSON.stringify([objectionId(announced.id, 1)]))}`
					)
				).body
			);
		expect(await pulled(office)).toContain(CONTACT);
		expect(await pulled(member)).not.toContain(CONTACT);
	});

	it('lets no device write an objection, not even the office', async () => {
		const made = objectionFrom(
			announced,
			{ text: '设备写入' },
			{ receipt: 'ABCD-EFGH', now: clock },
			objectionId(announced.id, 9)
		);
		if (!made.ok) throw new Error(made.problem);
		for (const client of [office, member]) {
			const [row] = await push(client, [made.doc]);
			expect(row).toMatchObject({ id: made.doc.id, error: 'conflict' });
			expect(['server-owned', 'forbidden']).toContain(row?.reason);
		}
		await expect(world.db('evaluations').get(made.doc.id)).rejects.toMatchObject({ status: 404 });
	});

	it('refuses bad objections and answers the office outcome', async () => {
		expect((await object(announced.id, { text: '  ' })).status).toBe(400);
		expect((await object(announced.id, { text: 'x', nominee: 7 })).status).toBe(400);
		const first = plainOf<Objection>(
			await world.db('evaluations').get(objectionId(announced.id, 1))
		);
		const answer = ok(outcomeDraft(first, 'not-upheld', '经核实，服务记录属实', writer()));
		expect(await push(office, [answer])).toMatchObject([{ ok: true }]);
		expect(
			await push(member, [
				{
					...answer,
					id: `${objectionId(announced.id, 2)}.outcome`,
					objectionId: objectionId(announced.id, 2),
					by: 'member1'
				}
			])
		).toMatchObject([{ error: 'conflict', reason: 'forbidden' }]);
	});

	it('refuses objections outside the period, and publishing while one is unanswered', async () => {
		clock = new Date('2026-11-24T16:00:00.000Z');
		const late = await object(announced.id, { text: '迟到的异议' });
		expect(late.status).toBe(409);
		expect(await late.json()).toMatchObject({ error: 'notice_closed' });
		const published: Award = {
			...announced,
			state: 'published',
			objectionCount: 1,
			publishedAt: clock.toISOString(),
			updatedAt: clock.toISOString()
		};
		// Two objections were made: naming one is refused, and so is the second without an outcome.
		expect(await push(office, [published])).toMatchObject([
			{ error: 'conflict', reason: 'subject-mismatch' }
		]);
		expect(await push(office, [{ ...published, objectionCount: 2 }])).toMatchObject([
			{ error: 'conflict', reason: 'subject-mismatch' }
		]);
	});
});
