import { describe, expect, it } from 'vitest';
import type { Agreement } from '../ledger/agreements';
import { agreementNotice, agreementsDueNotice } from './agreement-notices';
import { notices } from './notices';
import { validateAgainst } from '../schema/schema-validation';

// 12:00 on 20 November 2026 in Shanghai.
const now = new Date('2026-11-20T04:00:00.000Z');

function agreement(overrides: Partial<Agreement> = {}): Agreement {
	const branchId = overrides.branchId ?? 'br1';
	const communityId = overrides.communityId ?? 'cm1';
	const startsOn = overrides.startsOn ?? '2024-12-11';
	return {
		id: `ag.${branchId}.${communityId}.${startsOn.replaceAll('-', '')}`,
		kind: 'agreement',
		branchId,
		communityId,
		orgId: 'org-zjj',
		title: '共驻共治共建协议书',
		startsOn,
		endsOn: '2026-12-10',
		content: '四张清单',
		branchSignatory: '王芳',
		communitySignatory: '马丽',
		signedOn: startsOn,
		file: 'a'.repeat(64),
		by: 'secretary1',
		updatedAt: '2024-12-11T02:00:00.000Z',
		channels: [],
		...overrides
	};
}

/** The same agreement before it was signed: no date of signing, no scan. */
function unsigned(signed: Agreement): Agreement {
	const draft = { ...signed };
	delete draft.signedOn;
	delete draft.file;
	return draft;
}

const linked: Record<string, string> = { br1: 'cm1', br2: 'cm2' };
const linkedOf = (branchId: string) => linked[branchId] ?? null;
const due = (list: Agreement[], at = now) =>
	agreementsDueNotice(list, linkedOf, at).map((a) => a.id);

describe('agreementsDueNotice', () => {
	it('names a signed agreement from 30 days before its last day to that day', () => {
		expect(due([agreement({ endsOn: '2026-12-20' })])).toEqual(['ag.br1.cm1.20241211']);
		expect(due([agreement({ endsOn: '2026-12-21' })])).toEqual([]);
		expect(due([agreement({ endsOn: '2026-11-20' })])).toEqual(['ag.br1.cm1.20241211']);
		expect(due([agreement({ endsOn: '2026-11-19' })])).toEqual([]);
	});

	it('counts the days in Shanghai: late in the UTC evening is the next day there', () => {
		const lateEvening = new Date('2026-11-20T16:30:00.000Z');
		expect(due([agreement({ endsOn: '2026-12-21' })], lateEvening)).toEqual([
			'ag.br1.cm1.20241211'
		]);
	});

	it('leaves a draft alone: nothing signed, nothing to renew', () => {
		expect(due([unsigned(agreement())])).toEqual([]);
	});

	it('looks only at the latest agreement of a pair: a renewal drawn up replaces it', () => {
		const old = agreement();
		const renewal = agreement({ startsOn: '2026-12-11', endsOn: '2028-12-10' });
		expect(due([old, renewal])).toEqual([]);
		expect(due([renewal, old])).toEqual([]);
		expect(due([old, unsigned(renewal)])).toEqual([]);
	});

	it('skips a pair the office has since unlinked, and names each pair due', () => {
		expect(due([agreement({ communityId: 'cm9' })])).toEqual([]);
		expect(due([agreement({ branchId: 'br3', communityId: 'cm3' })])).toEqual([]);
		expect(due([agreement(), agreement({ branchId: 'br2', communityId: 'cm2' })])).toEqual([
			'ag.br1.cm1.20241211',
			'ag.br2.cm2.20241211'
		]);
	});
});

describe('agreementNotice', () => {
	it("is a valid notice to the secretary's account, about the agreement and its end", () => {
		const notice = agreementNotice(agreement(), 'secretary1', now);
		const doc = { ...notice, channels: notices.channelsOf(notice) };
		expect(doc).toEqual({
			id: 'secretary1.agreement.br1.20261210',
			kind: 'agreement-ending',
			recipient: 'secretary1',
			branchId: 'br1',
			docCollection: 'ledger',
			docId: 'ag.br1.cm1.20241211',
			endsOn: '2026-12-10',
			createdAt: now.toISOString(),
			channels: ['user:secretary1']
		});
		expect(validateAgainst(notices.schema, doc)).toBeNull();
	});
});
