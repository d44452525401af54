import { describe, expect, it } from 'vitest';
import { breach, BREACH_NOW, pushEvaluation, unitReport } from '../../../test-data/breach-fixtures';
import { office, owner, staff } from '../../../test-data/test-actors';
import { breachDraft, decisionDraft, responseDraft, type BreachInput } from './breach-drafts';

const member = { memberId: 'm001', memberName: '李明', branchId: 'br1', orgId: 'org-a' };
const input: BreachInput = {
	member,
	communityId: 'cm2',
	rule: 'seeking-favours',
	occurredOn: '2026-05-20',
	description: ' 要求社区报销餐费。 ',
	evidence: []
};
const writer = (by: string) => ({ by, now: BREACH_NOW });

describe('breach drafts', () => {
	it('builds a breach the gateway takes', () => {
		const draft = breachDraft(input, writer('community2'), 'ABCDEFGHJK');
		expect(draft).toMatchObject({
			ok: true,
			doc: {
				id: 'breach.m001.ABCDEFGHJK',
				year: 2026,
				description: '要求社区报销餐费。',
				createdAt: BREACH_NOW.toISOString()
			}
		});
		if (!draft.ok) return;
		expect(pushEvaluation(staff, draft.doc, { held: [unitReport()] })).toEqual({ ok: true });
	});

	it('says what to fix in a breach', () => {
		expect(
			breachDraft(
				{ ...input, member: null, rule: '', occurredOn: '', description: '' },
				writer('community2'),
				'ABCDEFGHJK'
			)
		).toEqual({
			ok: false,
			problems: ['member-missing', 'rule-missing', 'occurredOn-missing', 'description-missing']
		});
		expect(
			breachDraft(
				{ ...input, occurredOn: '2026-06-02', description: '长'.repeat(1001) },
				writer('community2'),
				'ABCDEFGHJK'
			)
		).toEqual({ ok: false, problems: ['occurredOn-future', 'description-too-long'] });
	});

	it("builds the member's response, refused once decided", () => {
		const draft = responseDraft(
			breach(),
			false,
			{ statement: '已改正。', evidence: [] },
			writer('member1')
		);
		expect(draft.ok).toBe(true);
		if (!draft.ok) return;
		expect(pushEvaluation(owner, draft.doc, { subject: breach() })).toEqual({ ok: true });
		expect(
			responseDraft(breach(), true, { statement: '', evidence: [] }, writer('member1'))
		).toEqual({
			ok: false,
			problems: ['decided', 'statement-missing']
		});
	});

	it("builds the office's decision, with a severity only when confirmed", () => {
		const confirmed = decisionDraft(
			breach(),
			false,
			{ outcome: 'confirmed', severity: 'serious', grounds: '属实。' },
			writer('office1')
		);
		expect(confirmed).toMatchObject({ ok: true, doc: { severity: 'serious' } });
		if (confirmed.ok) {
			expect(pushEvaluation(office, confirmed.doc, { subject: breach() })).toEqual({ ok: true });
		}
		const dismissed = decisionDraft(
			breach(),
			false,
			{ outcome: 'dismissed', severity: 'serious', grounds: '证据不足。' },
			writer('office1')
		);
		expect(dismissed.ok && 'severity' in dismissed.doc).toBe(false);
		if (dismissed.ok) {
			expect(pushEvaluation(office, dismissed.doc, { subject: breach() })).toEqual({ ok: true });
		}
		expect(
			decisionDraft(
				breach(),
				false,
				{ outcome: 'confirmed', severity: '', grounds: '' },
				writer('office1')
			)
		).toEqual({ ok: false, problems: ['severity-missing', 'grounds-missing'] });
		expect(
			decisionDraft(breach(), false, { outcome: '', severity: '', grounds: 'x' }, writer('office1'))
		).toEqual({ ok: false, problems: ['outcome-missing'] });
	});
});
