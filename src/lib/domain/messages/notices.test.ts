import { plainContext } from '../../../test-data/policy-fixtures';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../access/roles';
import { validateAgainst } from '../schema/schema-validation';
import { owner, secretary } from '../../../test-data/test-actors';
import { shanghaiDay } from '../calendar/shanghai-calendar';
import {
	agreementNoticeId,
	digestId,
	isAddressedTo,
	notices,
	reminderId,
	signInLockedId,
	type Notice
} from './notices';

function notice(overrides: Partial<Notice> = {}): Notice {
	const doc: Notice = {
		id: 'n-20240520-0001',
		recipient: 'member1',
		kind: 'write-rejected',
		docCollection: 'reports',
		docId: 'm001.residence.cm2',
		reason: 'immutable-field',
		detail: 'branchId',
		createdAt: '2024-05-20T08:00:00.000Z',
		channels: [],
		...overrides
	};
	return { ...doc, channels: overrides.channels ?? notices.channelsOf(doc) };
}

const valid = (doc: unknown) => validateAgainst(notices.schema, doc);

describe('notices schema', () => {
	it('accepts a full and a minimal notice', () => {
		expect(valid(notice())).toBeNull();
		const minimal: Record<string, unknown> = { ...notice() };
		for (const key of ['docCollection', 'docId', 'reason', 'detail']) delete minimal[key];
		expect(valid(minimal)).toBeNull();
	});

	it.each(['id', 'kind', 'createdAt', 'channels'])('requires %s', (field) => {
		const doc: Record<string, unknown> = { ...notice() };
		delete doc[field];
		expect(valid(doc)).toEqual({ path: '/', message: `must have required property '${field}'` });
	});

	it('rejects wrong types, unknown kinds and long strings', () => {
		expect(valid({ ...notice(), kind: 'hello' })?.path).toBe('/kind');
		expect(valid({ ...notice(), recipient: '' })?.path).toBe('/recipient');
		expect(valid({ ...notice(), recipient: 'x'.repeat(65) })?.path).toBe('/recipient');
		expect(valid({ ...notice(), docCollection: 'x'.repeat(41) })?.path).toBe('/docCollection');
		expect(valid({ ...notice(), reason: 'x'.repeat(41) })?.path).toBe('/reason');
		expect(valid({ ...notice(), detail: 'x'.repeat(201) })?.path).toBe('/detail');
		expect(valid({ ...notice(), createdAt: 0 })?.path).toBe('/createdAt');
	});

	it('rejects bad ids', () => {
		expect(valid(notice({ id: '_n1' }))?.path).toBe('/id');
		expect(valid(notice({ docId: 'a/b' }))?.path).toBe('/docId');
	});

	it('rejects an extra property, including the name RxDB reserves', () => {
		expect(valid({ ...notice(), collection: 'reports' })?.message).toBe(
			'must NOT have additional properties'
		);
		expect(valid({ ...notice(), read: true })).toEqual({
			path: '/',
			message: 'must NOT have additional properties'
		});
	});
});

describe('notices channels', () => {
	it('reaches only the recipient', () => {
		expect(notices.channelsOf(notice())).toEqual(['user:member1']);
		expect(notices.channelsOf(notice({ recipient: 'office1' }))).toEqual(['user:office1']);
	});
});

describe('shanghaiDay', () => {
	it('is the calendar day in Asia/Shanghai, whatever the zone of the instant', () => {
		expect(shanghaiDay(new Date('2024-05-20T15:59:59.999Z'))).toBe('20240520');
		expect(shanghaiDay(new Date('2024-05-20T16:00:00.000Z'))).toBe('20240521');
		expect(shanghaiDay(new Date('2024-12-31T20:00:00+02:00'))).toBe('20250101');
	});
});

const createdAt = '2024-05-20T08:00:00.000Z';

function reminder(overrides: Partial<Notice> = {}): Notice {
	const doc: Notice = {
		id: reminderId('m001', 'report-residence', new Date(createdAt)),
		kind: 'reminder',
		memberId: 'm001',
		branchId: 'br1',
		sender: 'secretary1',
		topic: 'report-residence',
		createdAt,
		channels: [],
		...overrides
	};
	return { ...doc, channels: overrides.channels ?? notices.channelsOf(doc) };
}

const memberOfBr1 = { id: 'm001', branchId: 'br1' };

interface Context {
	prev?: Notice | null;
	deleting?: boolean;
	subject?: Record<string, unknown> | null;
}

function decide(actor: Actor, next: Notice, context: Context = {}) {
	const { prev = null, deleting = false, subject = memberOfBr1 } = context;
	if (!notices.policy) throw new Error('notices has a policy for reminders');
	return notices.policy({ actor, prev, next, deleting, subject, ...plainContext });
}

describe('reminders', () => {
	it('have one id per member, topic and Shanghai day', () => {
		expect(reminder().id).toBe('m001.remind.report-residence.20240520');
		expect(valid(reminder())).toBeNull();
	});

	it('reach the member and their branch', () => {
		expect(reminder().channels).toEqual(['branch:br1', 'member:m001']);
	});

	it("are written by the secretary of the member's branch, once", () => {
		expect(decide(secretary, reminder())).toEqual({ ok: true });
		expect(decide(secretary, reminder(), { prev: reminder() })).toMatchObject({
			reason: 'append-only'
		});
		expect(decide(secretary, reminder(), { deleting: true })).toMatchObject({
			reason: 'append-only'
		});
	});

	it('refuse a sender other than the writer, and writers who are not the secretary', () => {
		expect(decide(secretary, reminder({ sender: 'someone' }))).toMatchObject({
			reason: 'not-owner'
		});
		expect(decide(owner, reminder({ sender: 'member1' }))).toMatchObject({ reason: 'forbidden' });
	});

	it('refuse a member of another branch, an unknown member and a forged id', () => {
		expect(decide(secretary, reminder(), { subject: { branchId: 'br2' } })).toMatchObject({
			reason: 'subject-mismatch'
		});
		expect(decide(secretary, reminder(), { subject: null })).toMatchObject({
			reason: 'subject-mismatch'
		});
		expect(decide(secretary, reminder({ id: 'm001.remind.x' }))).toMatchObject({
			reason: 'invalid',
			detail: 'id'
		});
		expect(decide(secretary, reminder({ topic: undefined }))).toMatchObject({ reason: 'invalid' });
	});

	it('are never sent by a secretary to herself', () => {
		const toSelf = reminder({
			id: reminderId('m121', 'report-residence', new Date(createdAt)),
			memberId: 'm121'
		});
		expect(decide(secretary, toSelf)).toEqual({ ok: false, reason: 'forbidden', detail: 'self' });
	});

	it('never let a device write a server notice', () => {
		expect(decide(secretary, notice({ recipient: 'secretary1' }))).toEqual({
			ok: false,
			reason: 'server-owned'
		});
	});
});

describe('reminder topics of issue 17', () => {
	it.each(['serve-residence', 'yearly-duties', 'raise-grade'] as const)(
		"accepts %s from the member's secretary, once a day",
		(topic) => {
			const doc = reminder({ topic, id: reminderId('m001', topic, new Date(createdAt)) });
			expect(doc.id).toBe(`m001.remind.${topic}.20240520`);
			expect(valid(doc)).toBeNull();
			expect(decide(secretary, doc)).toEqual({ ok: true });
			expect(decide(owner, { ...doc, sender: 'member1' })).toMatchObject({ reason: 'forbidden' });
		}
	);

	it('refuses a topic it does not know', () => {
		expect(valid({ ...reminder(), topic: 'anything' })?.path).toBe('/topic');
	});
});

describe('weekly digests', () => {
	const at = '2026-11-24T01:00:00.000Z';
	const digest = (overrides: Partial<Notice> = {}): Notice => {
		const doc: Notice = {
			id: digestId('secretary1', new Date(at)),
			kind: 'digest',
			recipient: 'secretary1',
			branchId: 'br1',
			counts: { atRisk: 3, waitingApproval: 21, flagged: 17 },
			createdAt: at,
			channels: [],
			...overrides
		};
		return { ...doc, channels: notices.channelsOf(doc) };
	};

	it('have one id per secretary and Shanghai ISO week, and reach only her account', () => {
		expect(digest().id).toBe('secretary1.digest.2026-W48');
		expect(valid(digest())).toBeNull();
		expect(digest().channels).toEqual(['user:secretary1']);
		expect(isAddressedTo(digest(), secretary)).toBe(true);
		expect(isAddressedTo(digest(), owner)).toBe(false);
	});

	it('hold three non-negative counts and nothing else', () => {
		const counts = { atRisk: 0, waitingApproval: 0, flagged: 0 };
		expect(valid(digest({ counts }))).toBeNull();
		expect(valid(digest({ counts: { ...counts, flagged: -1 } }))?.path).toBe('/counts/flagged');
		expect(valid({ ...digest(), counts: { atRisk: 1, waitingApproval: 2 } })?.path).toBe('/counts');
		expect(valid({ ...digest(), counts: { ...counts, extra: 1 } })?.path).toBe('/counts');
	});

	it('are written by the server alone', () => {
		expect(decide(secretary, digest())).toEqual({ ok: false, reason: 'server-owned' });
	});
});

describe('agreement-ending notices', () => {
	const at = '2026-11-20T04:00:00.000Z';
	const ending = (overrides: Partial<Notice> = {}): Notice => {
		const doc: Notice = {
			id: agreementNoticeId('secretary1', 'br1', '2026-12-10'),
			kind: 'agreement-ending',
			recipient: 'secretary1',
			branchId: 'br1',
			docCollection: 'ledger',
			docId: 'ag.br1.cm1.20241211',
			endsOn: '2026-12-10',
			createdAt: at,
			channels: [],
			...overrides
		};
		return { ...doc, channels: notices.channelsOf(doc) };
	};

	it('have one id per secretary, branch and end date, and reach only her account', () => {
		expect(ending().id).toBe('secretary1.agreement.br1.20261210');
		expect(valid(ending())).toBeNull();
		expect(ending().channels).toEqual(['user:secretary1']);
		expect(isAddressedTo(ending(), secretary)).toBe(true);
		expect(isAddressedTo(ending(), owner)).toBe(false);
	});

	it('carry the end as a calendar day', () => {
		expect(valid(ending({ endsOn: '2026-12-10T00:00:00Z' }))?.path).toBe('/endsOn');
		expect(valid(ending({ endsOn: '10/12/2026' }))?.path).toBe('/endsOn');
	});

	it('are written by the server alone', () => {
		expect(decide(secretary, ending())).toEqual({ ok: false, reason: 'server-owned' });
	});
});

describe('sign-in warnings', () => {
	const warning = (): Notice => {
		const doc: Notice = {
			id: signInLockedId('office1', new Date('2024-05-20T16:30:00.000Z')),
			kind: 'sign-in-locked',
			recipient: 'office1',
			createdAt: '2024-05-20T16:30:00.000Z',
			channels: []
		};
		return { ...doc, channels: notices.channelsOf(doc) };
	};

	it('have one id per account and Shanghai day, and reach only the owner', () => {
		expect(warning().id).toBe('signin.office1.20240521');
		expect(valid(warning())).toBeNull();
		expect(warning().channels).toEqual(['user:office1']);
	});

	it('are written by the server alone', () => {
		expect(decide(secretary, warning())).toMatchObject({ ok: false, reason: 'server-owned' });
	});
});

describe('isAddressedTo', () => {
	it('gives a member the reminders to them, not those a secretary sent to others', () => {
		expect(isAddressedTo(reminder(), owner)).toBe(true);
		// The secretary holds her branch's reminders (its channel): they are not messages to her.
		expect(isAddressedTo(reminder(), secretary)).toBe(false);
		expect(isAddressedTo(reminder({ memberId: 'm121' }), secretary)).toBe(true);
	});

	it('gives an account its server notices, and a person without a member id no reminder', () => {
		expect(isAddressedTo(notice({ recipient: 'member1' }), owner)).toBe(true);
		expect(isAddressedTo(notice({ recipient: 'member1' }), secretary)).toBe(false);
		expect(isAddressedTo(reminder(), { username: 'community1' })).toBe(false);
	});
});

describe('claim notices', () => {
	const waiting = notice({
		id: 'cl.it-p1.m001.notice.waiting.20260601',
		kind: 'claim',
		recipient: undefined,
		memberId: 'm001',
		docCollection: 'attendance',
		docId: 'cl.it-p1.m001',
		reason: undefined,
		detail: undefined,
		claimTopic: 'waiting',
		position: 2
	});

	it('reach the member only, as a member', () => {
		expect(valid(waiting)).toBeNull();
		expect(waiting.channels).toEqual(['member:m001']);
		expect(isAddressedTo(waiting, owner)).toBe(true);
		expect(isAddressedTo(waiting, { username: 'member1' })).toBe(false);
		expect(isAddressedTo(waiting, secretary)).toBe(false);
	});

	it('are written by the server alone', () => {
		expect(decide(owner, waiting)).toEqual({ ok: false, reason: 'server-owned' });
		expect(valid({ ...waiting, claimTopic: 'lost' })).not.toBeNull();
	});
});
