import { describe, expect, it } from 'vitest';
import type { ReportsDoc, ReviewsDoc } from '../domain/registry';
import { recordDocsOf } from './my-records.svelte';

describe("recordDocsOf: a member's documents told apart by kind", () => {
	it('keeps records, corrections, kind-less reviews and approvals apart, reports left out', () => {
		const reports = [
			{ id: 'r1', kind: 'residence' },
			{ id: 'sr.m1.abcdef', kind: 'service-record' },
			{ id: 'co.sr.m1.abcdef', kind: 'correction' }
		] as ReportsDoc[];
		const reviews = [
			{ id: 'sr.m1.abcdef.r1', decision: 'confirmed' },
			{ id: 'sr.m1.abcdef.a1', kind: 'approval', decision: 'approved' }
		] as ReviewsDoc[];
		const docs = recordDocsOf(reports, reviews);
		expect(docs.records.map((d) => d.id)).toEqual(['sr.m1.abcdef']);
		expect(docs.corrections.map((d) => d.id)).toEqual(['co.sr.m1.abcdef']);
		expect(docs.reviews.map((d) => d.id)).toEqual(['sr.m1.abcdef.r1']);
		expect(docs.approvals.map((d) => d.id)).toEqual(['sr.m1.abcdef.a1']);
	});
});
