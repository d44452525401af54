import { describe, expect, it } from 'vitest';
import { LISTED_JOBS, isJobId, listedJobs, newJobId, type ImportJob } from './roster-jobs';

const job = (jobId: string, orgId: string, state: ImportJob['state']): ImportJob => ({
	_id: `job:${jobId}`,
	type: 'roster-import',
	jobId,
	orgId,
	state,
	done: 0,
	total: 1,
	chunks: 1,
	createdAt: '2026-11-20T04:00:00.000Z',
	createdBy: 'office1',
	summary: {
		communities: { create: 0, update: 0, unchanged: 0 },
		branches: { create: 0, update: 0, unchanged: 0 },
		members: { create: 1, update: 0, unchanged: 0 }
	},
	fingerprint: 'f'
});

describe('job ids', () => {
	it('sort by creation and are recognised', () => {
		const earlier = newJobId(new Date('2026-11-20T04:00:00.000Z'));
		const later = newJobId(new Date('2026-11-20T04:00:01.000Z'));
		expect(isJobId(earlier)).toBe(true);
		expect(earlier < later).toBe(true);
		expect(isJobId('../job')).toBe(false);
		expect(isJobId(`${earlier}x`)).toBe(false);
	});
});

describe('listedJobs', () => {
	it('lists the bureau’s latest jobs, the running one first', () => {
		const jobs = [
			job('j9', 'org-a', 'done'),
			job('j8', 'org-b', 'ready'),
			job('j7', 'org-a', 'superseded'),
			job('j6', 'org-a', 'running'),
			...Array.from({ length: 20 }, (_, i) => job(`j0${i}`, 'org-a', 'done'))
		];
		const listed = listedJobs(jobs, 'org-a');
		expect(listed).toHaveLength(LISTED_JOBS);
		expect(listed.map((j) => j.jobId).slice(0, 3)).toEqual(['j6', 'j9', 'j7']);
		expect(listed.every((j) => j.orgId === 'org-a')).toBe(true);
	});
});
