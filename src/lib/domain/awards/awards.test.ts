import { describe, expect, it } from 'vitest';
import { office, otherOffice, owner, staff } from '../../../test-data/test-actors';
import type { Actor } from '../access/roles';
import { checkWrite, relatedKey } from '../access/write-policy';
import { kindOf, type AnyDoc } from '../registry';
import {
	announceAward,
	decideAward,
	draftAward,
	noticeStatus,
	outcomeDraft,
	publishAward,
	removeNominee
} from './award-drafts';
import { awardId, awards, objectionId, outcomeId, type Nominee } from './awards';
import { objectionOutcomes, objections, type Objection } from './objections';
import { objectionFrom, publicNotice } from './public-notice';

const NOW = new Date('2026-12-10T02:00:00Z');
const writer = { by: 'office1', now: NOW };
const bureau = { orgId: 'org-a', orgName: '示范局', year: 2026, type: 'volunteer-star' as const };

function nominee(memberId: string): Nominee {
	return {
		memberId,
		name: `党员${memberId}`,
		branchName: '第一支部',
		communityName: '东社区',
		citation: '全年服务38小时',
		reasons: ['服务时长 38 小时，全局第 1']
	};
}

function push(
	actor: Actor,
	next: object,
	options: {
		prev?: object | null;
		deleting?: boolean;
		related?: { id: string }[];
		complete?: boolean;
		now?: Date;
	} = {}
) {
	return checkWrite({
		collection: 'evaluations',
		actor,
		prev: (options.prev ?? null) as AnyDoc | null,
		next: next as AnyDoc,
		deleting: options.deleting ?? false,
		subject: null,
		related: new Map(
			(options.related ?? []).map((doc) => [
				relatedKey({ collection: 'evaluations', id: doc.id }),
				doc as unknown as Record<string, unknown>
			])
		),
		relatedComplete: options.complete ?? true,
		now: options.now ?? NOW
	});
}

function ok<T>(draft: { ok: true; doc: T } | { ok: false; problems: unknown }): T {
	if (!draft.ok) throw new Error(JSON.stringify(draft.problems));
	return draft.doc;
}

const draft = () => ok(draftAward(null, bureau, [nominee('m001'), nominee('m002')], writer));
const decided = () => ok(decideAward(draft(), writer));
const announced = (startsOn = '2026-12-01', days = 7) =>
	ok(announceAward(decided(), { startsOn, days }, writer));

function objection(number: number, award = announced()): Objection {
	const made = objectionFrom(
		award,
		{ text: '此人不符合条件', contact: '13800000000', nominee: 1 },
		{ receipt: `R${number}ABC`, now: new Date('2026-12-03T02:00:00Z') },
		objectionId(award.id, number)
	);
	if (!made.ok) throw new Error(made.problem);
	return made.doc;
}

describe('awards (R18)', () => {
	it("is one award per bureau, year and type, in the bureau's channel until announced", () => {
		const award = draft();
		expect(kindOf('evaluations', award)).toBe(awards);
		expect(award.id).toBe(awardId('org-a', 2026, 'volunteer-star'));
		expect(award.channels).toEqual(['bureau:org-a/2026']);
		expect(announced().channels).toEqual(['bureau:org-a/2026', 'public']);
	});

	it('is written by the office of its bureau only', () => {
		expect(push(office, draft())).toEqual({ ok: true });
		for (const actor of [otherOffice, owner, staff]) {
			expect(push(actor, { ...draft(), by: actor.username })).toEqual({
				ok: false,
				reason: 'forbidden'
			});
		}
	});

	it('goes draft → decided → announced → published, never back from an announcement', () => {
		expect(push(office, decided(), { prev: draft() })).toEqual({ ok: true });
		expect(push(office, announced(), { prev: decided() })).toEqual({ ok: true });
		expect(push(office, { ...decided(), state: 'announced' }, { prev: draft() })).toMatchObject({
			ok: false
		});
		expect(push(office, decided(), { prev: announced() })).toMatchObject({
			ok: false,
			reason: 'append-only'
		});
		expect(push(office, decided())).toMatchObject({ ok: false, detail: 'state' });
		expect(push(office, draft(), { prev: announced(), deleting: true })).toMatchObject({
			ok: false,
			reason: 'append-only'
		});
		expect(push(office, draft(), { prev: draft(), deleting: true })).toEqual({ ok: true });
	});

	it('fixes the nominees and the terms once announced', () => {
		const prev = announced();
		const citation = {
			...prev,
			nominees: [{ ...nominee('m001'), citation: '改过' }, nominee('m002')]
		};
		expect(push(office, citation, { prev })).toMatchObject({ ok: false, detail: 'nominees' });
		expect(push(office, { ...prev, noticeDays: 10 }, { prev })).toMatchObject({
			ok: false,
			detail: 'noticeDays'
		});
	});

	it('removes a nominee only on an upheld objection of its own', () => {
		const prev = announced();
		const first = objection(1, prev);
		const upheld = ok(outcomeDraft(first, 'upheld', '经核实属实', writer));
		const notUpheld = { ...upheld, outcome: 'not-upheld' as const };
		const next = ok(removeNominee(prev, 'm001', upheld, writer));
		expect(next.nominees.map((n) => n.memberId)).toEqual(['m002']);
		expect(push(office, next, { prev, related: [upheld] })).toEqual({ ok: true });
		expect(push(office, next, { prev, related: [notUpheld] })).toMatchObject({
			ok: false,
			detail: 'removals'
		});
		expect(push(office, next, { prev, related: [] })).toMatchObject({ ok: false });
		expect(removeNominee(prev, 'm001', notUpheld, writer)).toEqual({
			ok: false,
			problems: ['not-upheld']
		});
		// Taking someone off without a removal on record is refused.
		expect(
			push(office, { ...prev, nominees: [nominee('m002')] }, { prev, related: [upheld] })
		).toMatchObject({ ok: false, detail: 'nominees' });
	});

	it('publishes only after the period, every objection answered, none left out', () => {
		const prev = announced('2026-12-01', 7);
		const first = objection(1, prev);
		const answer = ok(outcomeDraft(first, 'not-upheld', '不属实', writer));
		const open = new Date('2026-12-07T15:59:59Z');
		const ended = new Date('2026-12-07T16:00:00Z');
		const during = noticeStatus(prev, [first], [answer], open);
		expect(during?.blockers).toEqual(['period-not-ended']);
		expect(noticeStatus(prev, [first], [], ended)?.blockers).toEqual(['objections-unanswered']);
		const status = noticeStatus(prev, [first], [answer], ended);
		expect(status?.blockers).toEqual([]);
		const next = ok(publishAward(prev, status!, { by: 'office1', now: ended }));
		expect(next.objectionCount).toBe(1);
		const related = [first, answer];
		expect(push(office, next, { prev, related, now: ended })).toEqual({ ok: true });
		expect(push(office, next, { prev, related, now: open })).toMatchObject({ ok: false });
		expect(push(office, next, { prev, related: [first], now: ended })).toMatchObject({
			ok: false,
			detail: 'objectionCount'
		});
		// An objection the office has not seen is still an objection: the gateway sees it.
		const second = objection(2, prev);
		expect(push(office, next, { prev, related: [...related, second], now: ended })).toMatchObject({
			ok: false,
			detail: 'objectionCount'
		});
		// A device holding less leaves that to the gateway.
		expect(push(office, next, { prev, related: [], complete: false, now: ended })).toEqual({
			ok: true
		});
		expect(
			push(office, { ...next, by: 'office1' }, { prev: next, related, now: ended })
		).toMatchObject({
			ok: false,
			reason: 'append-only'
		});
	});
});

describe('objections and their outcomes', () => {
	it("are written by the server only, into the bureau's channel only", () => {
		const doc = objection(1);
		expect(kindOf('evaluations', doc)).toBe(objections);
		expect(doc.channels).toEqual(['bureau:org-a/2026']);
		expect(doc.nomineeId).toBe('m001');
		expect(push(office, doc)).toEqual({ ok: false, reason: 'server-owned' });
		expect(push(owner, doc)).toEqual({ ok: false, reason: 'server-owned' });
	});

	it('are taken only while the notice is open', () => {
		const award = announced('2026-12-01', 7);
		const input = { text: '有异议' };
		const id = objectionId(award.id, 1);
		const at = (iso: string) => ({ receipt: 'R1ABC', now: new Date(iso) });
		expect(objectionFrom(award, input, at('2026-11-30T15:59:59Z'), id)).toEqual({
			ok: false,
			problem: 'not-open'
		});
		expect(objectionFrom(award, input, at('2026-11-30T16:00:00Z'), id).ok).toBe(true);
		expect(objectionFrom(award, input, at('2026-12-07T16:00:00Z'), id)).toEqual({
			ok: false,
			problem: 'not-open'
		});
		expect(objectionFrom(decided(), input, at('2026-12-03T00:00:00Z'), id)).toEqual({
			ok: false,
			problem: 'not-open'
		});
		const now = at('2026-12-03T00:00:00Z');
		expect(objectionFrom(award, { text: '  ' }, now, id)).toEqual({
			ok: false,
			problem: 'text-missing'
		});
		expect(objectionFrom(award, { text: 'x', nominee: 3 }, now, id)).toEqual({
			ok: false,
			problem: 'nominee-unknown'
		});
	});

	it('has one outcome per objection, by the office, never changed', () => {
		const first = objection(1);
		const answer = ok(outcomeDraft(first, 'upheld', '属实', writer));
		expect(kindOf('evaluations', answer)).toBe(objectionOutcomes);
		expect(answer.id).toBe(outcomeId(first.id));
		expect(push(office, answer, { related: [first] })).toEqual({ ok: true });
		expect(push(otherOffice, { ...answer, by: 'office2' }, { related: [first] })).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(push(office, answer, { related: [] })).toMatchObject({ ok: false });
		expect(push(office, answer, { prev: answer, related: [first] })).toEqual({
			ok: false,
			reason: 'append-only'
		});
		expect(outcomeDraft(first, 'upheld', ' ', writer)).toEqual({
			ok: false,
			problems: ['note-missing']
		});
	});
});

describe('the public notice', () => {
	it('shows names, units, citations and the period — no member ids, reasons or contacts', () => {
		const award = announced('2026-12-01', 7);
		const notice = publicNotice(award, new Date('2026-12-03T00:00:00Z'));
		expect(notice).toEqual({
			id: award.id,
			awardType: 'volunteer-star',
			year: 2026,
			orgName: '示范局',
			state: 'announced',
			nominees: [1, 2].map((ref) => ({
				ref,
				name: `党员m00${ref}`,
				branchName: '第一支部',
				communityName: '东社区',
				citation: '全年服务38小时'
			})),
			noticeStartsOn: '2026-12-01',
			noticeEndsOn: '2026-12-07',
			phase: 'open'
		});
		expect(publicNotice(draft(), NOW)).toBeNull();
		expect(publicNotice(decided(), NOW)).toBeNull();
	});
});
