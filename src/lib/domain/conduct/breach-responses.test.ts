import { describe, expect, it } from 'vitest';
import { breach, decision, pushEvaluation, response } from '../../../test-data/breach-fixtures';
import { otherMember, owner, secretary, staff } from '../../../test-data/test-actors';
import { kindOf } from '../registry';
import { breachResponses } from './breach-responses';

const onBreach = { subject: breach() };

describe('breach responses', () => {
	it("is the `breach-response` kind, in its breach's channels", () => {
		expect(kindOf('evaluations', response())).toBe(breachResponses);
		expect(response().channels).toEqual(breach().channels);
		expect(breachResponses.subjectOf?.(response())).toEqual({
			collection: 'evaluations',
			id: breach().id
		});
	});

	it('is written by the member the breach is about, and no one else', () => {
		expect(pushEvaluation(owner, response(), onBreach)).toEqual({ ok: true });
		for (const actor of [otherMember, secretary, staff]) {
			expect(pushEvaluation(actor, response({ by: actor.username }), onBreach)).toMatchObject({
				reason: 'not-owner'
			});
		}
		expect(pushEvaluation(owner, response({ by: 'member2' }), onBreach)).toMatchObject({
			reason: 'not-owner'
		});
	});

	it('answers a breach that exists, and copies its case', () => {
		expect(pushEvaluation(owner, response())).toEqual({
			ok: false,
			reason: 'subject-mismatch',
			detail: 'breachId'
		});
		expect(pushEvaluation(owner, response({ orgId: 'org-b' }), onBreach)).toMatchObject({
			reason: 'subject-mismatch',
			detail: 'orgId'
		});
		expect(pushEvaluation(owner, response({ id: 'x.response' }), onBreach)).toMatchObject({
			detail: 'id'
		});
		expect(pushEvaluation(owner, response({ statement: ' ' }), onBreach)).toMatchObject({
			detail: 'statement'
		});
		const four = ['1', '2', '3', '4'].map((c) => c.repeat(64));
		expect(pushEvaluation(owner, response({ evidence: four }), onBreach)).toMatchObject({
			detail: 'evidence'
		});
	});

	it('is changed until the office decides, and never taken back', () => {
		const prev = response();
		const changed = response({ statement: '补充说明。' });
		expect(pushEvaluation(owner, changed, { ...onBreach, prev })).toEqual({ ok: true });
		expect(pushEvaluation(owner, changed, { ...onBreach, prev, held: [decision()] })).toEqual({
			ok: false,
			reason: 'append-only',
			detail: 'decided'
		});
		expect(pushEvaluation(owner, prev, { ...onBreach, prev, deleting: true })).toMatchObject({
			reason: 'forbidden'
		});
	});
});
