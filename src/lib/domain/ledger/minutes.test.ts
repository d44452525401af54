import { describe, expect, it } from 'vitest';
import { office, otherStaff, secretary, staff } from '../../../test-data/test-actors';
import { meetingMinutes, pushLedger } from '../../../test-data/ledger-fixtures';
import { kindOf } from '../registry';
import { decisionOf, minutes, minutesId, type MeetingDecision, type Minutes } from './minutes';

const later = '2026-06-02T01:00:00.000Z';
const decision: MeetingDecision = {
	text: '开展夏季防汛检查',
	owner: '马丽',
	dueOn: '2026-07-15',
	list: 'projects'
};

describe('minutes: kind, id and channels', () => {
	it("is the `minutes` kind, one per meeting, in the pair's channels of its year", () => {
		const doc = meetingMinutes();
		expect(kindOf('ledger', doc)).toBe(minutes);
		expect(minutesId('act-j1')).toBe('mi.act-j1');
		expect(doc.channels).toEqual(['branch:br1/2026', 'bureau:org-a/2026', 'community:cm2/2026']);
	});

	it('numbers decisions from 1', () => {
		const doc = meetingMinutes();
		expect(decisionOf(doc, 1)?.owner).toBe('王芳');
		expect(decisionOf(doc, 0)).toBeUndefined();
		expect(decisionOf(doc, 2)).toBeUndefined();
	});
});

describe('minutes: who writes them', () => {
	it('lets either side of the pair write its own minutes', () => {
		expect(pushLedger(secretary, meetingMinutes())).toEqual({ ok: true });
		const theirs = meetingMinutes({ side: 'community', by: 'community2' });
		expect(pushLedger(staff, theirs)).toEqual({ ok: true });
	});

	it("refuses the other side's, another community's staff and the office", () => {
		const theirs = meetingMinutes({ side: 'community', by: 'community2' });
		const edit = { ...theirs, text: '改写', by: 'secretary1', updatedAt: later };
		expect(pushLedger(secretary, edit, { prev: theirs })).toMatchObject({ reason: 'forbidden' });
		for (const actor of [otherStaff, office]) {
			const doc = meetingMinutes({ side: 'community', by: actor.username });
			expect(pushLedger(actor, doc), actor.username).toMatchObject({ reason: 'forbidden' });
		}
	});
});

describe('minutes: decisions', () => {
	it('refuses a decision without an owner, a due date or a text', () => {
		const noOwner = meetingMinutes({ decisions: [{ ...decision, owner: '  ' }] });
		expect(pushLedger(secretary, noOwner)).toEqual({
			ok: false,
			reason: 'invalid',
			detail: 'decisions/1'
		});
		const withoutOwner: Partial<MeetingDecision> = { ...decision };
		delete withoutOwner.owner;
		const missing = meetingMinutes({ decisions: [withoutOwner as MeetingDecision] });
		expect(pushLedger(secretary, missing)).toMatchObject({ ok: false, reason: 'invalid' });
		const withoutDue: Partial<MeetingDecision> = { ...decision };
		delete withoutDue.dueOn;
		const undated = meetingMinutes({ decisions: [withoutDue as MeetingDecision] });
		expect(pushLedger(secretary, undated)).toMatchObject({ ok: false, reason: 'invalid' });
		expect(
			pushLedger(secretary, meetingMinutes({ decisions: [{ ...decision, text: ' ' }] }))
		).toMatchObject({ detail: 'decisions/1' });
	});

	it('are only added to: a decision made stays as made', () => {
		const prev = meetingMinutes();
		const added = { ...prev, decisions: [...prev.decisions, decision] } as Minutes;
		expect(pushLedger(secretary, added, { prev })).toEqual({ ok: true });
		const rewritten = { ...prev, decisions: [{ ...prev.decisions[0]!, owner: '李强' }] };
		expect(pushLedger(secretary, rewritten, { prev })).toEqual({
			ok: false,
			reason: 'append-only',
			detail: 'decisions'
		});
	});

	it('keep minutes with decisions from being deleted', () => {
		const prev = meetingMinutes();
		expect(pushLedger(secretary, prev, { prev, deleting: true })).toMatchObject({
			reason: 'forbidden',
			detail: 'decisions'
		});
		const empty = meetingMinutes({ decisions: [] });
		expect(pushLedger(secretary, empty, { prev: empty, deleting: true })).toEqual({ ok: true });
	});
});

describe('minutes: what they hold', () => {
	it('are held in their year, of the meeting they name', () => {
		expect(pushLedger(secretary, meetingMinutes({ heldOn: '2025-12-30' }))).toMatchObject({
			detail: 'year'
		});
		expect(pushLedger(secretary, meetingMinutes({ activityId: 'act-j2' }))).toMatchObject({
			detail: 'id'
		});
	});

	it('keep the meeting, year and side fixed', () => {
		const prev = meetingMinutes();
		const next = { ...prev, side: 'community' as const };
		expect(pushLedger(secretary, next, { prev })).toMatchObject({ reason: 'forbidden' });
		const moved = { ...prev, communityId: 'cm9' };
		expect(pushLedger(secretary, meetingMinutes(moved), { prev })).toMatchObject({
			reason: 'immutable-field',
			detail: 'communityId'
		});
	});
});
