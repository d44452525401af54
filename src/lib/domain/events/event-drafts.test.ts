import { describe, expect, it } from 'vitest';
import { MAX_CAPACITY } from './activities';
import { organiserNames, readActivityDraft, type ActivityDraft } from './event-drafts';

const draft = (overrides: Partial<ActivityDraft> = {}): ActivityDraft => ({
	type: 'volunteer',
	title: ' 社区环境整治 ',
	place: ' 幸福路社区广场 ',
	startsAt: '2026-06-01T01:00:00.000Z',
	endsAt: '2026-06-01T04:00:00.000Z',
	capacity: '',
	organisers: '',
	expected: 'signup',
	speakers: [],
	...overrides
});
const inCommunity = { communityId: 'cm2', host: null, createdBy: 'community2' };
const forBranch = { communityId: 'cm2', host: { id: 'br1' }, createdBy: 'secretary1' };
const problemOf = (d: ActivityDraft) => {
	const read = readActivityDraft(d, inCommunity);
	return read.ok ? null : read.problem;
};

describe('organiserNames', () => {
	it('splits at commas, 、 and spaces, drops repeats and the creator', () => {
		expect(organiserNames('a, b，c、d  e', 'x')).toEqual(['a', 'b', 'c', 'd', 'e']);
		expect(organiserNames(' a,,a , me ', 'me')).toEqual(['a']);
		expect(organiserNames('  ', 'me')).toEqual([]);
	});
});

describe('readActivityDraft', () => {
	it('makes the activity input, text trimmed', () => {
		expect(readActivityDraft(draft({ capacity: ' 20 ', organisers: 'a、b' }), inCommunity)).toEqual(
			{
				ok: true,
				input: {
					type: 'volunteer',
					title: '社区环境整治',
					communityId: 'cm2',
					place: '幸福路社区广场',
					startsAt: '2026-06-01T01:00:00.000Z',
					endsAt: '2026-06-01T04:00:00.000Z',
					capacity: 20,
					expected: 'signup',
					organisers: ['a', 'b']
				}
			}
		);
	});

	it('names the host branch and expects the whole branch only when there is one', () => {
		const read = readActivityDraft(draft({ expected: 'branch' }), forBranch);
		expect(read).toMatchObject({ ok: true, input: { hostBranchId: 'br1', expected: 'branch' } });
		const alone = readActivityDraft(draft({ expected: 'branch' }), inCommunity);
		expect(alone.ok && alone.input).toMatchObject({ expected: 'signup' });
		expect(alone.ok && 'hostBranchId' in alone.input).toBe(false);
	});

	it('keeps speakers for a lecture only, at most ten', () => {
		const eleven = Array.from({ length: 11 }, (_, i) => `m${i}`);
		const lecture = readActivityDraft(draft({ type: 'lecture', speakers: eleven }), inCommunity);
		expect(lecture.ok && lecture.input.speakers).toEqual(eleven.slice(0, 10));
		const none = readActivityDraft(draft({ type: 'lecture' }), inCommunity);
		expect(none.ok && 'speakers' in none.input).toBe(false);
		const other = readActivityDraft(draft({ speakers: ['m1'] }), inCommunity);
		expect(other.ok && 'speakers' in other.input).toBe(false);
	});

	it('asks for a title, a place and both times, in that order', () => {
		expect(problemOf(draft({ title: ' ', place: '' }))).toBe('title');
		expect(problemOf(draft({ place: ' ', startsAt: null }))).toBe('place');
		expect(problemOf(draft({ startsAt: null }))).toBe('time');
		expect(problemOf(draft({ endsAt: null }))).toBe('time');
	});

	it('refuses an end before the start and an activity over 16 hours', () => {
		expect(problemOf(draft({ endsAt: '2026-06-01T01:00:00.000Z' }))).toBe('ends-first');
		expect(problemOf(draft({ endsAt: '2026-05-31T01:00:00.000Z' }))).toBe('ends-first');
		expect(problemOf(draft({ endsAt: '2026-06-01T17:00:00.000Z' }))).toBeNull();
		expect(problemOf(draft({ endsAt: '2026-06-01T17:00:00.001Z' }))).toBe('too-long');
	});

	it('takes a whole number of places from 1 to 10000, or none', () => {
		expect(MAX_CAPACITY).toBe(10_000);
		for (const capacity of ['', ' ', '1', '10000'])
			expect(problemOf(draft({ capacity }))).toBeNull();
		for (const capacity of ['0', '10001', '2.5', '-3', '十', '1e3']) {
			expect(problemOf(draft({ capacity }))).toBe('capacity');
		}
	});

	it('takes at most ten organisers with the creator, each name at most 64 characters', () => {
		const names = (n: number) => Array.from({ length: n }, (_, i) => `u${i}`).join(',');
		expect(problemOf(draft({ organisers: names(9) }))).toBeNull();
		expect(problemOf(draft({ organisers: `${names(9)},community2` }))).toBeNull();
		expect(problemOf(draft({ organisers: names(10) }))).toBe('organisers');
		expect(problemOf(draft({ organisers: 'x'.repeat(64) }))).toBeNull();
		expect(problemOf(draft({ organisers: 'x'.repeat(65) }))).toBe('organisers');
	});
});
