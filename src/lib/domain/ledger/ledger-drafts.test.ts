import { describe, expect, it } from 'vitest';
import type { Actor } from '../access/roles';
import {
	agreement,
	FILE,
	item,
	LEDGER_NOW,
	PAIR,
	pushLedger
} from '../../../test-data/ledger-fixtures';
import {
	agreementDraft,
	itemLinksDraft,
	itemStateDraft,
	listItemDraft,
	newItemSuffix,
	nextStates,
	seatDraft,
	signedAgreementDraft,
	tagsOf,
	type AgreementInput,
	type DraftResult,
	type ItemInput
} from './ledger-drafts';

const secretary: Actor = {
	username: 'secretary1',
	memberId: 'm121',
	roles: [{ role: 'secretary', branchId: 'br1' }]
};
const staff: Actor = {
	username: 'community2',
	roles: [{ role: 'community_staff', communityId: 'cm2' }]
};
const asSecretary = { by: 'secretary1', now: LEDGER_NOW };
const asStaff = { by: 'community2', now: LEDGER_NOW };

function docOf<T>(draft: DraftResult<T>): T {
	if (!draft.ok) throw new Error(`problems: ${draft.problems.join(', ')}`);
	return draft.doc;
}
const problemsOf = <T>(draft: DraftResult<T>) => (draft.ok ? [] : draft.problems);

const terms: AgreementInput = {
	title: ' 共驻共治共建协议书 ',
	startsOn: '2026-03-01',
	endsOn: '2028-02-29',
	content: '围绕四张清单开展共建。',
	branchSignatory: '王芳（支部书记）',
	communitySignatory: '马丽（社区书记）'
};

const need: ItemInput = {
	list: 'needs',
	title: '楼道照明维修',
	detail: '',
	tags: ['electrical-repair', ' 照明 ', '照明'],
	owner: '王芳',
	dueOn: '2026-09-30',
	goodDeed: true,
	evidence: []
};
const place = { pair: PAIR, year: 2026, side: 'branch' as const, suffix: 'k9' };

describe('agreementDraft', () => {
	it('builds an agreement the gateway accepts from the secretary, its text trimmed', () => {
		const doc = docOf(agreementDraft(terms, PAIR, null, asSecretary));
		expect(doc.id).toBe('ag.br1.cm2.20260301');
		expect(doc.title).toBe('共驻共治共建协议书');
		expect(pushLedger(secretary, doc)).toEqual({ ok: true });
	});

	it('says what is missing, and a period that ends before it starts', () => {
		const blank = { ...terms, title: ' ', content: '', branchSignatory: '', endsOn: '' };
		expect(problemsOf(agreementDraft(blank, PAIR, null, asSecretary))).toEqual([
			'title-missing',
			'endsOn-missing',
			'content-missing',
			'branchSignatory-missing'
		]);
		const backwards = { ...terms, endsOn: '2026-02-01' };
		expect(problemsOf(agreementDraft(backwards, PAIR, null, asSecretary))).toEqual([
			'endsOn-before-start'
		]);
	});

	it('keeps the start (the id) of an agreement it changes, and refuses to change a signed one', () => {
		const prev = agreement({ startsOn: '2026-01-01' });
		const changed = docOf(
			agreementDraft({ ...terms, startsOn: '2026-05-05' }, PAIR, prev, asSecretary)
		);
		expect(changed.id).toBe(prev.id);
		expect(pushLedger(secretary, changed, { prev })).toEqual({ ok: true });
		const signed = agreement({ signedOn: '2026-01-02', file: FILE });
		expect(problemsOf(agreementDraft(terms, PAIR, signed, asSecretary))).toEqual([
			'agreement-signed'
		]);
	});
});

describe('signedAgreementDraft', () => {
	it('signs with the day and the scan together', () => {
		const prev = agreement();
		const signed = docOf(
			signedAgreementDraft(prev, { signedOn: '2026-05-30', file: FILE }, asSecretary)
		);
		expect(signed).toMatchObject({ signedOn: '2026-05-30', file: FILE });
		expect(pushLedger(secretary, signed, { prev })).toEqual({ ok: true });
	});

	it('asks for the scan and a day not after today', () => {
		expect(
			problemsOf(signedAgreementDraft(agreement(), { signedOn: '', file: null }, asSecretary))
		).toEqual(['signedOn-missing', 'file-missing']);
		expect(
			problemsOf(
				signedAgreementDraft(agreement(), { signedOn: '2026-06-02', file: FILE }, asSecretary)
			)
		).toEqual(['signedOn-future']);
	});
});

describe('seatDraft', () => {
	const input = {
		memberId: 'm121',
		memberName: '王芳',
		post: '社区党组织兼职委员',
		since: '2026-02-01',
		evidence: [FILE]
	};
	it('records the secretary’s post with its appointment letter', () => {
		expect(pushLedger(secretary, docOf(seatDraft(input, PAIR, asSecretary)))).toEqual({
			ok: true
		});
	});
	it('asks for the letter, the day and the post; three files at most', () => {
		expect(
			problemsOf(seatDraft({ ...input, post: '', since: '', evidence: [] }, PAIR, asSecretary))
		).toEqual(['post-missing', 'since-missing', 'evidence-missing']);
		const four = ['1', '2', '3', '4'].map((c) => c.repeat(64));
		expect(problemsOf(seatDraft({ ...input, evidence: four }, PAIR, asSecretary))).toEqual([
			'evidence-too-many'
		]);
	});
});

describe('listItemDraft', () => {
	it('creates a planned item with its trail begun, tags cleaned, for the writer’s side', () => {
		const doc = docOf(listItemDraft(need, null, place, asSecretary));
		expect(doc).toMatchObject({
			id: 'li.br1.2026.k9',
			state: 'planned',
			side: 'branch',
			tags: ['electrical-repair', '照明'],
			trail: [{ by: 'secretary1', change: 'created' }]
		});
		expect(pushLedger(secretary, doc)).toEqual({ ok: true });
		const theirs = docOf(listItemDraft(need, null, { ...place, side: 'community' }, asStaff));
		expect(pushLedger(staff, theirs)).toEqual({ ok: true });
	});

	it('refuses an item without owner or due date', () => {
		expect(
			problemsOf(listItemDraft({ ...need, owner: ' ', dueOn: '' }, null, place, asSecretary))
		).toEqual(['owner-missing', 'dueOn-missing']);
		// A date field may hold a day no calendar has.
		expect(
			problemsOf(listItemDraft({ ...need, dueOn: '2026-02-30' }, null, place, asSecretary))
		).toEqual(['dueOn-missing']);
	});

	it('keeps a resource type on resources only, and at most ten short tags', () => {
		const onNeeds = docOf(
			listItemDraft({ ...need, resourceType: 'venues' }, null, place, asSecretary)
		);
		expect(onNeeds.resourceType).toBeUndefined();
		const many = Array.from({ length: 11 }, (_, n) => `t${n}`);
		expect(problemsOf(listItemDraft({ ...need, tags: many }, null, place, asSecretary))).toEqual([
			'tags-too-many'
		]);
		expect(
			problemsOf(listItemDraft({ ...need, tags: ['很'.repeat(21)] }, null, place, asSecretary))
		).toEqual(['tags-too-long']);
	});

	it('changes an item in place, adding to its trail, and drops a cleared detail', () => {
		const prev = item({ detail: '旧的说明' });
		const next = docOf(
			listItemDraft({ ...need, title: '楼道照明全面维修' }, prev, place, asSecretary)
		);
		expect(next.id).toBe(prev.id);
		expect(next.detail).toBeUndefined();
		expect(next.trail.map((entry) => entry.change)).toEqual(['created', 'changed']);
		expect(pushLedger(secretary, next, { prev })).toEqual({ ok: true });
	});
});

describe('itemStateDraft', () => {
	it('moves an item on with a state entry; done carries its day', () => {
		const prev = item();
		const started = docOf(itemStateDraft(prev, 'in-progress', { note: '已联系物业' }, asSecretary));
		expect(pushLedger(secretary, started, { prev })).toEqual({ ok: true });
		const done = docOf(itemStateDraft(started, 'done', { doneOn: '2026-05-31' }, asSecretary));
		expect(done.doneOn).toBe('2026-05-31');
		expect(done.trail.at(-1)).toMatchObject({ change: 'state', state: 'done' });
		expect(pushLedger(secretary, done, { prev: started })).toEqual({ ok: true });
	});

	it('asks for the day done, never after today, and ends at done or dropped', () => {
		expect(problemsOf(itemStateDraft(item(), 'done', {}, asSecretary))).toEqual(['doneOn-missing']);
		expect(
			problemsOf(itemStateDraft(item(), 'done', { doneOn: '2026-06-02' }, asSecretary))
		).toEqual(['doneOn-future']);
		const dropped = item({ state: 'dropped' });
		expect(problemsOf(itemStateDraft(dropped, 'in-progress', {}, asSecretary))).toEqual([
			'state-change'
		]);
		expect(nextStates('done')).toEqual([]);
	});
});

describe('itemLinksDraft', () => {
	it('links what delivered the item, once each', () => {
		const prev = item();
		const linked = docOf(
			itemLinksDraft(
				prev,
				{ serviceItemIds: ['si-1', 'si-1'], recordIds: ['sr.m1.k1'] },
				asSecretary
			)
		);
		expect(linked).toMatchObject({ serviceItemIds: ['si-1'], recordIds: ['sr.m1.k1'] });
		expect(pushLedger(secretary, linked, { prev })).toEqual({ ok: true });
	});
});

describe('tagsOf and newItemSuffix', () => {
	it('splits typed tags at commas and 、, and makes suffixes an id accepts', () => {
		expect(tagsOf('水电维修， 助老、 ,')).toEqual(['水电维修', '助老']);
		expect(newItemSuffix()).toMatch(/^[a-z0-9]{12}$/);
	});
});
