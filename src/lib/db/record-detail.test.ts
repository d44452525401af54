import { describe, expect, it } from 'vitest';
import type { MemberRecords } from '../domain/access/record-detail';
import { detailView } from './record-detail.svelte';

const kept = { kind: 'member', fetchedAt: '2026-11-20T06:15:00.000Z' } as MemberRecords;
const fresh = { kind: 'member', fetchedAt: '2026-11-29T06:15:00.000Z' } as MemberRecords;

describe('what a detail screen shows', () => {
	it('the fetched records when the server answers', () => {
		expect(detailView({ status: 200, records: fresh }, kept)).toEqual({
			state: 'fetched',
			records: fresh
		});
	});

	it('offline, the kept copy — or that it must be fetched online once', () => {
		expect(detailView({ status: 'offline' }, kept)).toEqual({
			state: 'kept',
			records: kept,
			offline: true
		});
		expect(detailView({ status: 'offline' }, undefined)).toEqual({ state: 'never-fetched' });
	});

	it('the kept copy when the server fails, and no copy when it shows nothing to this person', () => {
		expect(detailView({ status: 503 }, kept)).toEqual({
			state: 'kept',
			records: kept,
			offline: false
		});
		expect(detailView({ status: 503 }, undefined)).toEqual({ state: 'failed' });
		expect(detailView({ status: 404 }, kept)).toEqual({ state: 'not-found' });
	});
});
