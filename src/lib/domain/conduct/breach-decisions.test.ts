import { describe, expect, it } from 'vitest';
import { breach, decision, pushEvaluation } from '../../../test-data/breach-fixtures';
import { office, otherOffice, owner, secretary, staff } from '../../../test-data/test-actors';
import { kindOf } from '../registry';
import { breachDecisions } from './breach-decisions';

const onBreach = { subject: breach() };

describe('breach decisions', () => {
	it("is the `breach-decision` kind, in its breach's channels", () => {
		expect(kindOf('evaluations', decision())).toBe(breachDecisions);
		expect(decision().channels).toEqual(breach().channels);
	});

	it("is made by the office of the member's bureau only", () => {
		expect(pushEvaluation(office, decision(), onBreach)).toEqual({ ok: true });
		for (const actor of [otherOffice, owner, secretary, staff]) {
			expect(pushEvaluation(actor, decision({ by: actor.username }), onBreach)).toMatchObject({
				reason: 'forbidden'
			});
		}
		// Another bureau's office naming its own bureau does not see the breach: no subject.
		expect(pushEvaluation(otherOffice, decision({ orgId: 'org-b', by: 'office2' }))).toMatchObject({
			reason: 'subject-mismatch',
			detail: 'breachId'
		});
		expect(pushEvaluation(office, decision({ by: 'office9' }), onBreach)).toMatchObject({
			reason: 'not-owner'
		});
	});

	it('gives a severity exactly when confirmed, and grounds always', () => {
		const dismissed = decision({ outcome: 'dismissed' });
		expect(pushEvaluation(office, dismissed, onBreach)).toMatchObject({ detail: 'severity' });
		delete dismissed.severity;
		expect(pushEvaluation(office, dismissed, onBreach)).toEqual({ ok: true });
		const unrated = decision();
		delete unrated.severity;
		expect(pushEvaluation(office, unrated, onBreach)).toMatchObject({ detail: 'severity' });
		expect(pushEvaluation(office, decision({ grounds: ' ' }), onBreach)).toMatchObject({
			detail: 'grounds'
		});
	});

	it('copies the breach, and is final', () => {
		expect(pushEvaluation(office, decision({ memberId: 'm002' }), onBreach)).toMatchObject({
			reason: 'subject-mismatch',
			detail: 'memberId'
		});
		expect(pushEvaluation(office, decision({ id: 'x.decision' }), onBreach)).toMatchObject({
			detail: 'id'
		});
		const prev = decision();
		expect(
			pushEvaluation(office, decision({ outcome: 'dismissed' }), { ...onBreach, prev })
		).toMatchObject({ reason: 'append-only' });
		expect(pushEvaluation(office, prev, { ...onBreach, prev, deleting: true })).toMatchObject({
			reason: 'append-only'
		});
	});
});
