import { describe, expect, it } from 'vitest';
import { validateAgainst } from '../schema-validation';
import { notices, type Notice } from './notices';

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

	it.each(['id', 'recipient', 'kind', 'createdAt', 'channels'])('requires %s', (field) => {
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

describe('notices policy', () => {
	it('is server-owned: devices have no policy to write under', () => {
		expect(notices.policy).toBeNull();
	});
});
