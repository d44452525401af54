import { describe, expect, it } from 'vitest';
import { aVersion } from '../../../test-data/points-fixtures';
import { office } from '../../../test-data/test-actors';
import { checkWrite, relatedKey, type WriteAttempt } from '../access/write-policy';
import { defaultScheme } from './points-scheme';
import { schemeFormValues, schemeFromForm, type SchemeFormValues } from './points-scheme-drafts';

const NOW = new Date('2026-06-01T04:00:00.000Z');
const latest = defaultScheme('org-a', 2026);

function edited(change: (values: SchemeFormValues) => void): SchemeFormValues {
	const values = schemeFormValues(latest);
	change(values);
	return values;
}

const submit = (values: SchemeFormValues, from = latest) =>
	schemeFromForm(values, { latest: from, author: 'office1', now: NOW });

describe('schemeFormValues and schemeFromForm', () => {
	it('makes the next version from the form, which the office may write', () => {
		const result = submit(
			edited((v) => {
				v.rules.lecture = { points: '15', cap: '' };
				v.perHour = '2';
				v.effectiveFrom = '2026-07-01';
				v.note = '  宣讲加分  ';
			})
		);
		if (!result.ok) throw new Error(JSON.stringify(result.problems));
		expect(result.scheme).toMatchObject({
			id: 'points.org-a.2026.v1',
			version: 1,
			effectiveFrom: '2026-07-01',
			note: '宣讲加分',
			author: 'office1',
			updatedAt: NOW.toISOString(),
			channels: ['public']
		});
		expect(result.scheme.rules.lecture).toEqual({ points: 15, cap: null });
		expect(result.scheme.rules['residence-service']).toEqual({
			points: 5,
			cap: 20,
			perHour: 2,
			afterHours: 2
		});
		const attempt = {
			collection: 'directory',
			actor: office,
			prev: null,
			next: result.scheme as unknown as WriteAttempt['next'],
			deleting: false,
			subject: null
		} as const;
		expect(checkWrite(attempt)).toEqual({ ok: true });
	});

	it('round-trips an unchanged version but for its number and author', () => {
		const v1 = aVersion(1, '2026-03-01');
		const result = submit(schemeFormValues(v1), v1);
		if (!result.ok) throw new Error('refused');
		expect(result.scheme).toMatchObject({
			id: 'points.org-a.2026.v2',
			version: 2,
			updatedAt: NOW.toISOString(),
			author: 'office1'
		});
		expect({
			...result.scheme,
			id: v1.id,
			version: 1,
			updatedAt: v1.updatedAt,
			author: v1.author
		}).toEqual(v1);
		const next = result.scheme as unknown as Record<string, unknown>;
		expect(
			checkWrite({
				collection: 'directory',
				actor: office,
				prev: null,
				next: next as WriteAttempt['next'],
				deleting: false,
				subject: null,
				related: new Map([[relatedKey({ collection: 'directory', id: v1.id }), v1 as never]])
			})
		).toEqual({ ok: true });
	});

	it('names every field in trouble and why', () => {
		const result = submit(
			edited((v) => {
				v.rules.lecture = { points: '', cap: '0' };
				v.rules.emergency = { points: '1.5', cap: '' };
				v.rules['micro-wish'] = { points: '101', cap: 'x' };
				v.afterHours = '25';
				v.minimums.lectures = '-1';
				v.effectiveFrom = '2027-01-01';
				v.note = '长'.repeat(201);
			})
		);
		expect(result).toEqual({
			ok: false,
			problems: [
				{ field: 'rules.lecture.points', problem: 'required' },
				{ field: 'rules.lecture.cap', problem: 'out-of-range' },
				{ field: 'rules.micro-wish.points', problem: 'out-of-range' },
				{ field: 'rules.micro-wish.cap', problem: 'not-integer' },
				{ field: 'rules.emergency.points', problem: 'not-integer' },
				{ field: 'afterHours', problem: 'out-of-range' },
				{ field: 'minimums.lectures', problem: 'out-of-range' },
				{ field: 'effectiveFrom', problem: 'outside-year' },
				{ field: 'note', problem: 'too-long' }
			]
		});
	});

	it('asks for thresholds falling from 好 to 一般', () => {
		const problems = (good: string, fairlyGood: string, average: string) => {
			const result = submit(edited((v) => (v.thresholds = { good, fairlyGood, average })));
			return result.ok ? [] : result.problems;
		};
		expect(problems('70', '70', '50')).toEqual([
			{ field: 'thresholds.fairlyGood', problem: 'order' }
		]);
		expect(problems('90', '50', '60')).toEqual([{ field: 'thresholds.average', problem: 'order' }]);
		expect(problems('90', '', '60')).toEqual([
			{ field: 'thresholds.fairlyGood', problem: 'required' }
		]);
	});

	it('refuses a day before the latest version, or none', () => {
		const v1 = aVersion(1, '2026-05-01');
		const problem = (effectiveFrom: string) => {
			const result = submit(
				edited((v) => (v.effectiveFrom = effectiveFrom)),
				v1
			);
			return result.ok ? null : result.problems;
		};
		expect(problem('2026-04-30')).toEqual([{ field: 'effectiveFrom', problem: 'before-latest' }]);
		expect(problem('')).toEqual([{ field: 'effectiveFrom', problem: 'required' }]);
		expect(problem('2026-05-01')).toBeNull();
	});
});

describe('the scheme editor: breach penalties and the year-end gates', () => {
	it('fills a version stored before issue 20 with the defaults', () => {
		const old = aVersion(1, '2026-03-01');
		delete old.penalties;
		old.gates = { notReported: true, minimums: false };
		const values = schemeFormValues(old);
		expect(values.penalties).toEqual({ minor: '-10', serious: '-20', severe: '-30' });
		expect(values.gates).toEqual({
			notReported: true,
			minimums: false,
			breach: true,
			feedback: true
		});
	});

	it('saves changed penalties and gates', () => {
		const result = submit(
			edited((v) => {
				v.penalties = { minor: '-5', serious: '-15', severe: '-40' };
				v.gates.feedback = false;
			})
		);
		if (!result.ok) throw new Error('refused');
		expect(result.scheme.penalties).toEqual({ minor: -5, serious: -15, severe: -40 });
		expect(result.scheme.gates).toMatchObject({ breach: true, feedback: false });
	});

	it('refuses a penalty above 0 and a severer breach costing fewer points', () => {
		const positive = submit(edited((v) => (v.penalties.minor = '5')));
		expect(positive.ok ? [] : positive.problems).toEqual([
			{ field: 'penalties.minor', problem: 'out-of-range' }
		]);
		const backwards = submit(edited((v) => (v.penalties.severe = '-10')));
		expect(backwards.ok ? [] : backwards.problems).toEqual([
			{ field: 'penalties.severe', problem: 'penalty-order' }
		]);
	});
});
