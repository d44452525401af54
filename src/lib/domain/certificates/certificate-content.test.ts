import { describe, expect, it } from 'vitest';
import {
	activityRecord,
	approvalOfSubject,
	correctionOfRecord,
	ownRecord,
	reviewOfSubject
} from '../../../test-data/record-fixtures';
import {
	certificateContent,
	certificateHours,
	periodProblem,
	validUntilOf,
	yearsOf,
	type ContentInput
} from './certificate-content';

const places: Record<string, string> = { cm1: '一社区', cm2: '二社区', cm3: '三社区' };

function input(docs: readonly object[], overrides: Partial<ContentInput> = {}): ContentInput {
	return {
		code: 'ABCDEFGH2345',
		name: '张三',
		issuer: '市直机关工委',
		from: '2026-01-01',
		to: '2026-12-31',
		issuedOn: '2026-11-30',
		docs,
		placeName: (id) => places[id],
		...overrides
	};
}

/** An own record approved by both the community and the secretary. */
function approvedOwn(key: string, fields: Parameters<typeof ownRecord>[0] = {}) {
	const record = ownRecord({ id: `sr.m001.${key}`, ...fields });
	return [record, reviewOfSubject(record), approvalOfSubject(record)] as const;
}

describe('the content of a certificate', () => {
	it('counts only approved service within the period, by category and place', () => {
		const derived = activityRecord({ communityId: 'cm1', minutes: 120 });
		const docs = [
			...approvedOwn('aaaaaa', { minutes: 90 }),
			...approvedOwn('bbbbbb', { minutes: 45, category: 'emergency', communityId: 'cm3' }),
			derived,
			approvalOfSubject(derived),
			// Waiting for the secretary: not counted.
			ownRecord({ id: 'sr.m001.cccccc', minutes: 600 }),
			// Approved but outside the period.
			...approvedOwn('dddddd', { at: '2025-12-31T15:59:00.000Z', minutes: 300 }),
			// Withdrawn after approval.
			...approvedOwn('eeeeee', { withdrawn: true, minutes: 300 })
		];
		const content = certificateContent(input(docs));
		expect(content).toMatchObject({
			code: 'ABCDEFGH2345',
			name: '张三',
			issuer: '市直机关工委',
			from: '2026-01-01',
			to: '2026-12-31',
			issuedOn: '2026-11-30',
			validUntil: '2028-11-29',
			services: 3,
			minutes: 255,
			organisations: ['一社区', '二社区', '三社区'],
			moreOrganisations: 0
		});
		expect(content?.lines).toEqual([
			{ category: 'volunteer', services: 1, minutes: 120 },
			{ category: 'emergency', services: 1, minutes: 45 },
			{ category: 'service', services: 1, minutes: 90 }
		]);
	});

	it('reads the day of service in Shanghai: 16:00 UTC on 31 December is the next year', () => {
		const docs = approvedOwn('aaaaaa', { at: '2025-12-31T16:00:00.000Z' });
		expect(certificateContent(input(docs))?.services).toBe(1);
		expect(certificateContent(input(docs, { from: '2025-01-01', to: '2025-12-31' }))).toBeNull();
	});

	it('takes the values of an approved correction', () => {
		const [record, review, approval] = approvedOwn('aaaaaa', { minutes: 90 });
		const correction = correctionOfRecord(record, { asked: { minutes: 30 } });
		const docs = [
			record,
			review,
			approval,
			correction,
			reviewOfSubject(correction),
			approvalOfSubject(correction)
		];
		expect(certificateContent(input(docs))?.minutes).toBe(30);
	});

	it('is null when nothing approved falls in the period', () => {
		expect(certificateContent(input([ownRecord()]))).toBeNull();
		expect(certificateContent(input([]))).toBeNull();
	});

	it('names at most five places, most hours first, and counts the rest', () => {
		const names = Object.fromEntries(
			Array.from({ length: 7 }, (_, i) => [`cx${i}`, `社区${i}`])
		) as Record<string, string>;
		const docs = Array.from({ length: 7 }, (_, i) =>
			approvedOwn(`k${i}aaaaa`, { communityId: `cx${i}`, minutes: 10 * (i + 1) })
		).flat();
		const content = certificateContent(input(docs, { placeName: (id) => names[id] }));
		expect(content?.organisations).toEqual(['社区6', '社区5', '社区4', '社区3', '社区2']);
		expect(content?.moreOrganisations).toBe(2);
	});
});

describe('periods, validity and hours', () => {
	it('refuses periods that are no period', () => {
		expect(periodProblem('2026-01-01', '2026-06-30', '2026-11-30')).toBeNull();
		expect(periodProblem('2026-02-30', '2026-06-30', '2026-11-30')).toBe('invalid');
		expect(periodProblem('2026-07-01', '2026-06-30', '2026-11-30')).toBe('reversed');
		expect(periodProblem('2026-01-01', '2026-12-31', '2026-11-30')).toBe('future');
		expect(periodProblem('2021-01-01', '2026-01-31', '2026-11-30')).toBe('too-long');
		expect(periodProblem('2022-01-01', '2026-01-31', '2026-11-30')).toBeNull();
	});

	it('lists the years a period touches', () => {
		expect(yearsOf('2025-06-01', '2026-05-31')).toEqual([2025, 2026]);
	});

	it('is valid two years less a day', () => {
		expect(validUntilOf('2026-11-30')).toBe('2028-11-29');
		expect(validUntilOf('2024-02-29')).toBe('2026-02-28');
		expect(validUntilOf('2026-01-01')).toBe('2027-12-31');
	});

	it('writes hours with at most two decimals', () => {
		expect(certificateHours(90)).toBe('1.5');
		expect(certificateHours(120)).toBe('2');
		expect(certificateHours(135)).toBe('2.25');
		expect(certificateHours(20)).toBe('0.33');
	});
});
