import type { RosterPlan } from './roster-plan';

/** 'expired': previewed, not started within a day; like 'superseded', its plan is gone. */
export type JobState = 'ready' | 'running' | 'done' | 'failed' | 'superseded' | 'expired';

/** One import as the server tracks it and the roster screens follow it. */
export interface ImportStatus {
	jobId: string;
	orgId: string;
	state: JobState;
	done: number;
	total: number;
	createdAt: string;
	createdBy: string;
	finishedAt?: string;
	/** Set when the run was interrupted (server restart) and continued: from which write. */
	resumedFrom?: number;
	/** Why a job failed, in English for the log and the office's support; never personal data. */
	failure?: string;
	summary: RosterPlan['summary'];
}
