import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RosterProblem } from '../domain/roster/roster-read';
import { followImport, mergeProblems, previewRoster, type ImportStatus } from './roster-imports';

const problem = (row: number, code: RosterProblem['code']): RosterProblem => ({
	table: 'members',
	row,
	column: '手机号',
	code
});

const status = (state: ImportStatus['state'], done: number): ImportStatus => ({
	jobId: 'job1',
	orgId: 'org1',
	state,
	done,
	total: 10,
	createdAt: '2026-11-30T00:00:00.000Z',
	createdBy: 'office1',
	summary: {
		communities: { create: 0, update: 0, unchanged: 0 },
		branches: { create: 0, update: 0, unchanged: 0 },
		members: { create: 10, update: 0, unchanged: 0 }
	}
});

function answer(body: unknown, init: number = 200): Response {
	return new Response(JSON.stringify(body), { status: init });
}

afterEach(() => {
	vi.unstubAllGlobals();
	vi.useRealTimers();
});

describe('mergeProblems', () => {
	it('lists a problem found on the device and on the server once, keeping both lists', () => {
		const merged = mergeProblems(
			[problem(2, 'bad-mobile'), problem(3, 'missing')],
			[problem(2, 'bad-mobile'), problem(4, 'mobile-taken')]
		);
		expect(merged.map((p) => `${p.row}:${p.code}`)).toEqual([
			'2:bad-mobile',
			'3:missing',
			'4:mobile-taken'
		]);
	});
});

describe('requests', () => {
	it('tells a stale preview from another running import, and no answer from a refusal', async () => {
		const roster = { communities: [], branches: [], members: [] };
		vi.stubGlobal('fetch', vi.fn().mockResolvedValueOnce(answer({ error: 'stale' }, 409)));
		expect(await previewRoster('org1', roster)).toEqual({ ok: false, failure: 'stale' });
		vi.stubGlobal('fetch', vi.fn().mockResolvedValueOnce(answer({ error: 'busy' }, 409)));
		expect(await previewRoster('org1', roster)).toEqual({ ok: false, failure: 'busy' });
		vi.stubGlobal('fetch', vi.fn().mockRejectedValueOnce(new TypeError('network')));
		expect(await previewRoster('org1', roster)).toEqual({ ok: false, failure: 'offline' });
		vi.stubGlobal('fetch', vi.fn().mockResolvedValueOnce(answer({ error: 'not_found' }, 404)));
		expect(await previewRoster('org1', roster)).toEqual({ ok: false, failure: 'not-found' });
	});
});

describe('followImport', () => {
	it('asks each second while the import runs, through a lost connection, and stops once it ends', async () => {
		vi.useFakeTimers();
		const fetch = vi
			.fn()
			.mockResolvedValueOnce(answer(status('running', 3)))
			.mockRejectedValueOnce(new TypeError('network'))
			.mockResolvedValueOnce(answer(status('done', 10)));
		vi.stubGlobal('fetch', fetch);
		const seen: number[] = [];
		const failures: string[] = [];
		followImport(
			'job1',
			(s) => seen.push(s.done),
			(f) => failures.push(f)
		);
		await vi.advanceTimersByTimeAsync(5000);
		expect(seen).toEqual([3, 10]);
		expect(failures).toEqual(['offline']);
		expect(fetch).toHaveBeenCalledTimes(3);
	});

	it('asks no more once stopped', async () => {
		vi.useFakeTimers();
		const fetch = vi.fn().mockResolvedValue(answer(status('running', 1)));
		vi.stubGlobal('fetch', fetch);
		const stop = followImport('job1', () => undefined);
		await vi.advanceTimersByTimeAsync(1000);
		stop();
		await vi.advanceTimersByTimeAsync(5000);
		expect(fetch).toHaveBeenCalledTimes(1);
	});
});
