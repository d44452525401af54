import { randomBytes } from 'node:crypto';
import { HttpError } from './http-json';
import { PerKeyQueue } from './per-key-queue';
import { ImportFailure, applyWrites } from './roster-apply';
import { readExistingState } from './roster-existing';
import {
	CHUNK_WRITES,
	HEARTBEAT_MS,
	LEASE_STALE_MS,
	READY_TTL_MS,
	allJobs,
	dropPlan,
	expireReadyJobs,
	isConflict,
	leasedElsewhere,
	readChunk,
	readJob,
	saveJob,
	type ImportJob
} from './roster-jobs';
import type { Database, Store } from './store';

export const STALE = new HttpError(
	409,
	'stale',
	'The bureau changed since this preview, or a newer preview replaced it: preview again.'
);
const BUSY = new HttpError(409, 'busy', 'Another import of this bureau is running.');
const NOT_FOUND = new HttpError(404, 'not_found', 'No such import.');
/** Conflicting saves of one job tried again before giving up. */
const ATTEMPTS = 3;

export interface RunOptions {
	/** Stops (the job still 'running', the lease kept) after this many chunks, as a killed process. */
	stopAfterChunks?: number;
}

/**
 * The mobiles of the contacts the job's plan creates. Another bureau's member may have got one
 * since the preview: a preview again names it ('mobile-taken'), which a run would duplicate.
 */
async function newMobiles(db: Database, job: ImportJob): Promise<string[]> {
	const mobiles: string[] = [];
	for (let index = 0; index < job.chunks; index++) {
		for (const write of await readChunk(db, job.jobId, index)) {
			if (write.database !== 'contacts' || write.previousRev !== undefined) continue;
			const phone = write.doc['phone'];
			if (typeof phone === 'string') mobiles.push(phone);
		}
	}
	return mobiles;
}

/**
 * A run's hold on its job. Every save of the job goes through it, one after another, stamped with
 * the runner and the time. A save that conflicts re-reads the job: held by another runner's fresh
 * lease, or no longer running, it is lost and the run stops quietly; otherwise the save is tried
 * again over the new revision.
 */
class Lease {
	lost = false;
	private saving: Promise<unknown> = Promise.resolve();

	constructor(
		private job: ImportJob,
		private readonly db: Database,
		private readonly runner: string,
		private readonly now: () => Date
	) {}

	get current(): ImportJob {
		return this.job;
	}

	/** Saves `update` of the latest job, keeping the lease or (`keep` false) letting it go. */
	save(update: (job: ImportJob) => ImportJob = (job) => job, keep = true) {
		const saved = this.saving.then(() => this.write(update, keep));
		this.saving = saved.catch(() => undefined);
		return saved;
	}

	private async write(update: (job: ImportJob) => ImportJob, keep: boolean) {
		for (let attempt = 1; !this.lost; attempt++) {
			const next = { ...update(this.job) };
			delete next.runner;
			delete next.heartbeatAt;
			if (keep) Object.assign(next, { runner: this.runner, heartbeatAt: this.now().toISOString() });
			try {
				this.job = await saveJob(this.db, next);
				return this.job;
			} catch (error) {
				if (!isConflict(error) || attempt >= ATTEMPTS) throw error;
				const fresh = await readJob(this.db, this.job.jobId);
				if (!fresh) throw error;
				this.job = fresh;
				this.lost = fresh.state !== 'running' || leasedElsewhere(fresh, this.runner, this.now());
			}
		}
		return null;
	}
}

/**
 * Runs roster import jobs: one at a time per bureau, chunk by chunk, recording after each chunk
 * how many writes are done. Several app processes may share the store: the one running a job
 * holds a lease on it (`runner`, `heartbeatAt`, renewed at every chunk and every HEARTBEAT_MS);
 * another takes a 'running' job over only once the lease is LEASE_STALE_MS old — at its start,
 * on a POST of the job, and in a check repeated while other processes hold jobs. A run taken over
 * goes on from the last recorded chunk; the chunk it was in is applied again, which changes
 * nothing already written (roster-apply.ts). A graceful stop lets the lease go at once.
 */
export class RosterImports {
	/** This instance's id in the leases it holds. */
	readonly runner = randomBytes(9).toString('base64url');
	private readonly perBureau = new PerKeyQueue();
	private readonly running = new Map<string, Promise<ImportJob>>();
	private resuming: Promise<void> = Promise.resolve();
	private recheck: ReturnType<typeof setTimeout> | undefined;

	constructor(
		private readonly store: Store,
		private readonly now: () => Date,
		private readonly closing: AbortSignal
	) {}

	private get db() {
		return this.store.db('imports');
	}

	/**
	 * `POST /api/roster/imports/<jobId>`: starts a ready job, picks a failed one up where it
	 * stopped, takes over a running one whose lease went stale, and answers a running (leased) or
	 * finished one as it is. A superseded or expired job is stale; so is a ready one whose bureau
	 * changed since its preview as its fingerprint tells (roster-existing.ts), or that would give a
	 * new member a mobile another bureau's member has got meanwhile.
	 */
	start(jobId: string, orgId: string): Promise<ImportJob> {
		return this.perBureau.run(orgId, async () => {
			// Null: another process saved the job meanwhile; look at it again.
			for (let attempt = 1; ; attempt++) {
				const started = await this.startOnce(jobId, orgId);
				if (started) return started;
				if (attempt >= ATTEMPTS) throw BUSY;
			}
		});
	}

	private async startOnce(jobId: string, orgId: string): Promise<ImportJob | null> {
		const job = await readJob(this.db, jobId);
		if (!job || job.orgId !== orgId) throw NOT_FOUND;
		if (job.state === 'done') return job;
		if (job.state === 'running') {
			if (this.running.has(jobId) || leasedElsewhere(job, this.runner, this.now())) return job;
			return this.takeOver(job);
		}
		if (job.state === 'ready' && this.now().getTime() - Date.parse(job.createdAt) >= READY_TTL_MS) {
			await expireReadyJobs(this.db, this.now(), orgId);
			throw STALE;
		}
		if (job.state === 'superseded' || job.state === 'expired') throw STALE;
		const others = await allJobs(this.db);
		if (others.some((other) => other.orgId === orgId && other.state === 'running')) throw BUSY;
		if (job.state === 'ready') {
			const state = await readExistingState(this.store, orgId);
			if (!state || state.fingerprint !== job.fingerprint) throw STALE;
			const taken = state.existing.mobilesElsewhere;
			if ((await newMobiles(this.db, job)).some((mobile) => taken.has(mobile))) throw STALE;
		}
		const next: ImportJob = {
			...job,
			state: 'running',
			...(job.state === 'failed' ? { resumedFrom: job.done } : {})
		};
		delete next.failure;
		const running = await this.leased(next);
		if (running) this.launch(running);
		return running;
	}

	/**
	 * At the server's start: ready previews past READY_TTL_MS expire, and every job left 'running'
	 * by a stopped process goes on. Jobs other processes hold are looked at again once their
	 * leases could have gone stale.
	 */
	resumeInterrupted(): Promise<void> {
		this.recheck = undefined;
		this.resuming = (async () => {
			if (this.closing.aborted) return;
			await expireReadyJobs(this.db, this.now());
			let heldElsewhere = false;
			for (const job of await allJobs(this.db)) {
				if (this.closing.aborted) return;
				if (job.state !== 'running' || this.running.has(job.jobId)) continue;
				if (leasedElsewhere(job, this.runner, this.now())) {
					heldElsewhere = true;
					continue;
				}
				await this.perBureau.run(job.orgId, async () => {
					const current = await readJob(this.db, job.jobId);
					if (!current || current.state !== 'running' || this.running.has(job.jobId)) return;
					if (!leasedElsewhere(current, this.runner, this.now())) await this.takeOver(current);
				});
			}
			if (heldElsewhere && !this.closing.aborted) {
				this.recheck = setTimeout(() => {
					this.resumeInterrupted().catch((error: unknown) =>
						console.error('Resuming roster imports failed:', error)
					);
				}, LEASE_STALE_MS);
				this.recheck.unref();
			}
		})();
		return this.resuming;
	}

	/** The run of a job this process started, if any (tests wait on it). */
	settled(jobId: string): Promise<ImportJob> | undefined {
		return this.running.get(jobId);
	}

	/** Waits for the runs in progress to reach a chunk boundary (`closing` stops them there). */
	async close(): Promise<void> {
		clearTimeout(this.recheck);
		await this.resuming.catch(() => undefined);
		clearTimeout(this.recheck);
		await Promise.allSettled(this.running.values());
	}

	/** Saves `job` under this runner's lease; null when the job moved meanwhile. */
	private async leased(job: ImportJob): Promise<ImportJob | null> {
		try {
			return await saveJob(this.db, {
				...job,
				runner: this.runner,
				heartbeatAt: this.now().toISOString()
			});
		} catch (error) {
			if (isConflict(error)) return null;
			throw error;
		}
	}

	private async takeOver(job: ImportJob): Promise<ImportJob | null> {
		const running = await this.leased({ ...job, resumedFrom: job.done });
		if (running) this.launch(running);
		return running;
	}

	private launch(job: ImportJob) {
		const run = this.run(job).finally(() => this.running.delete(job.jobId));
		this.running.set(job.jobId, run);
		run.catch((error: unknown) => console.error('A roster import failed:', error));
	}

	/**
	 * Applies the job's chunks from where it stands, under a lease (taken first when the job does
	 * not carry this runner's); exported for tests through `RunOptions`. Returns the job as it last
	 * saw it: 'running' when it stopped at a boundary or lost the lease to another process.
	 */
	async run(job: ImportJob, options: RunOptions = {}): Promise<ImportJob> {
		if (this.closing.aborted) return job;
		const lease = new Lease(job, this.db, this.runner, this.now);
		try {
			if (job.runner !== this.runner && !(await lease.save())) return lease.current;
			let ran = 0;
			for (let index = Math.floor(job.done / CHUNK_WRITES); index < job.chunks; index++) {
				// Shutting down: the job stays 'running', free for the next process to take over.
				if (this.closing.aborted) return (await lease.save(undefined, false)) ?? lease.current;
				if (options.stopAfterChunks !== undefined && ran >= options.stopAfterChunks) {
					return lease.current;
				}
				const writes = await readChunk(this.db, job.jobId, index);
				const heartbeat = setInterval(() => {
					lease
						.save()
						.catch((error: unknown) => console.error('An import heartbeat failed:', error));
				}, HEARTBEAT_MS);
				try {
					await applyWrites(this.store, writes);
				} finally {
					clearInterval(heartbeat);
				}
				const done = Math.min(job.total, (index + 1) * CHUNK_WRITES);
				if (!(await lease.save((current) => ({ ...current, done })))) return lease.current;
				ran++;
			}
			const finished = await lease.save((current) => ({
				...current,
				state: 'done',
				finishedAt: this.now().toISOString()
			}));
			if (!finished) return lease.current;
			await dropPlan(this.db, finished).catch((error: unknown) =>
				console.error('Dropping a finished import plan failed:', error)
			);
			return finished;
		} catch (error) {
			// Shutting down, or another process has the job: it is not this run's to fail.
			if (this.closing.aborted || lease.lost) return lease.current;
			const failure =
				error instanceof ImportFailure ? error.message : 'The store refused a write; try again.';
			const failed = await lease.save(
				(current) => ({ ...current, state: 'failed', failure }),
				false
			);
			return failed ?? lease.current;
		}
	}
}
