import { randomBytes } from 'node:crypto';
import type { ImportStatus, JobState } from '../domain/roster/import-status';
import type { PlannedAccount, RosterPlan } from '../domain/roster/roster-plan';
import { getIfExists } from './read-by-id';
import type { Database } from './store';

/** At most this many writes per plan document, and per store request when the job runs. */
export const CHUNK_WRITES = 500;
/** How many jobs `GET /api/roster/imports` lists. */
export const LISTED_JOBS = 10;

/**
 * A running job's lease: its runner stamps `heartbeatAt` at least this often (and at every chunk),
 * so that another process can tell a live run from one whose process stopped.
 */
export const HEARTBEAT_MS = 10_000;
/** A running job whose heartbeat is older than this is taken over by another process. */
export const LEASE_STALE_MS = 60_000;
/** A previewed plan not started within this time expires: its plan holds personal data. */
export const READY_TTL_MS = 24 * 60 * 60 * 1000;

export type { ImportStatus, JobState } from '../domain/roster/import-status';

/** A write as a job stores it: the plan's, with what the server knew of the document it replaces. */
export type StoredWrite =
	| {
			database: 'directory' | 'members' | 'contacts';
			doc: Record<string, unknown>;
			/** The revision the plan saw; absent for a new document. */
			previousRev?: string;
			/** The fields the plan changes (set or removed), applied again if the revision moved. */
			fields?: string[];
	  }
	| {
			database: 'accounts';
			account: PlannedAccount;
	  };

/** The job document in `imports`; its plan lies in `plan:<jobId>:<n>` documents beside it. */
export interface ImportJob {
	_id: string;
	_rev?: string;
	type: 'roster-import';
	jobId: string;
	orgId: string;
	state: JobState;
	done: number;
	total: number;
	chunks: number;
	createdAt: string;
	createdBy: string;
	finishedAt?: string;
	resumedFrom?: number;
	/** The process (a random id per RosterImports) running the job, and when it last said so. */
	runner?: string;
	heartbeatAt?: string;
	/** Why a job failed, in English for the log and the office's support; never personal data. */
	failure?: string;
	summary: RosterPlan['summary'];
	fingerprint: string;
}

export function statusOf(job: ImportJob): ImportStatus {
	return {
		jobId: job.jobId,
		orgId: job.orgId,
		state: job.state,
		done: job.done,
		total: job.total,
		createdAt: job.createdAt,
		createdBy: job.createdBy,
		...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
		...(job.resumedFrom !== undefined ? { resumedFrom: job.resumedFrom } : {}),
		...(job.failure ? { failure: job.failure } : {}),
		summary: job.summary
	};
}

const jobDocId = (jobId: string) => `job:${jobId}`;
const chunkDocId = (jobId: string, index: number) =>
	`plan:${jobId}:${String(index).padStart(5, '0')}`;

/** Sortable by creation (a base-36 time first), then random: nothing to guess from it. */
export function newJobId(now: Date): string {
	return `${now.getTime().toString(36).padStart(9, '0')}-${randomBytes(9).toString('base64url')}`;
}

const JOB_ID = /^[0-9a-z]{9}-[A-Za-z0-9_-]{12}$/;

export function isJobId(value: string): boolean {
	return JOB_ID.test(value);
}

/** Stores the plan first and the job last: a job document always has its whole plan. */
export async function storeJob(
	db: Database,
	job: Omit<ImportJob, '_id' | 'type' | 'chunks' | 'total' | 'done'>,
	writes: readonly StoredWrite[]
): Promise<ImportJob> {
	const chunks = Math.ceil(writes.length / CHUNK_WRITES);
	for (let index = 0; index < chunks; index++) {
		const part = writes.slice(index * CHUNK_WRITES, (index + 1) * CHUNK_WRITES);
		await db.put({ _id: chunkDocId(job.jobId, index), writes: part });
	}
	const stored: ImportJob = {
		...job,
		_id: jobDocId(job.jobId),
		type: 'roster-import',
		chunks,
		total: writes.length,
		done: 0
	};
	const result = await db.put(stored as unknown as Record<string, unknown> & { _id: string });
	return { ...stored, _rev: result.rev };
}

export async function readJob(db: Database, jobId: string): Promise<ImportJob | null> {
	if (!isJobId(jobId)) return null;
	return (await getIfExists(db, jobDocId(jobId))) as unknown as ImportJob | null;
}

export async function readChunk(
	db: Database,
	jobId: string,
	index: number
): Promise<StoredWrite[]> {
	const doc = await db.get(chunkDocId(jobId, index));
	return doc['writes'] as StoredWrite[];
}

/** Writes the job's new state over the revision it was read at; a conflict is thrown (409). */
export async function saveJob(db: Database, job: ImportJob): Promise<ImportJob> {
	const result = await db.put(job as unknown as Record<string, unknown> & { _id: string });
	return { ...job, _rev: result.rev };
}

export function isConflict(error: unknown): boolean {
	return (error as { status?: number } | null)?.status === 409;
}

/** Whether a runner other than `runner` holds the job: it is running and its heartbeat is recent. */
export function leasedElsewhere(job: ImportJob, runner: string, now: Date): boolean {
	if (job.state !== 'running' || !job.runner || job.runner === runner || !job.heartbeatAt) {
		return false;
	}
	return now.getTime() - Date.parse(job.heartbeatAt) < LEASE_STALE_MS;
}

/**
 * Lets the bureau's (or every bureau's) previews older than READY_TTL_MS expire and drops their
 * plans. A job that moved meanwhile (someone started it) is left as it is.
 */
export async function expireReadyJobs(db: Database, now: Date, orgId?: string): Promise<void> {
	for (const job of await allJobs(db)) {
		if (job.state !== 'ready' || (orgId !== undefined && job.orgId !== orgId)) continue;
		if (now.getTime() - Date.parse(job.createdAt) < READY_TTL_MS) continue;
		try {
			await dropPlan(db, await saveJob(db, { ...job, state: 'expired' }));
		} catch (error) {
			if (!isConflict(error)) throw error;
		}
	}
}

/**
 * Drops a finished job's plan: it holds mobiles and ID numbers, which the job needs no longer.
 * Best effort: a plan left behind is removed with the next finished job of its bureau.
 */
export async function dropPlan(db: Database, job: ImportJob): Promise<void> {
	const ids = Array.from({ length: job.chunks }, (_, index) => chunkDocId(job.jobId, index));
	if (ids.length === 0) return;
	const found = await db.allDocs({ keys: ids });
	const present = found.rows.flatMap((row) =>
		'value' in row && row.value && !row.value.deleted
			? [{ _id: row.id, _rev: row.value.rev, _deleted: true }]
			: []
	);
	if (present.length > 0) await db.bulkDocs(present);
}

/**
 * Every job, newest first: few (an office imports now and then), and read by their id range, so
 * the plans beside them are not read.
 */
export async function allJobs(db: Database): Promise<ImportJob[]> {
	const found = await db.allDocs({
		include_docs: true,
		startkey: 'job:\uffff',
		endkey: 'job:',
		descending: true
	});
	return found.rows.flatMap((row) => (row.doc ? [row.doc as unknown as ImportJob] : []));
}

/** The bureau's latest jobs, an unfinished one first. */
export function listedJobs(jobs: readonly ImportJob[], orgId: string): ImportJob[] {
	const own = jobs.filter((job) => job.orgId === orgId);
	const unfinished = own.filter((job) => job.state === 'running' || job.state === 'ready');
	const first = unfinished.find((job) => job.state === 'running') ?? unfinished[0];
	const rest = own.filter((job) => job !== first);
	return (first ? [first, ...rest] : rest).slice(0, LISTED_JOBS);
}
