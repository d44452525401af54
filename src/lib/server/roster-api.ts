import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { hasRole, isOfficeOf, type Actor } from '../domain/access/roles';
import { MAX_ROSTER_ROWS } from '../domain/roster/roster-columns';
import { planRoster, type PlannedWrite } from '../domain/roster/roster-plan';
import { rosterShapeProblems, type Roster } from '../domain/roster/roster-read';
import { isValidId } from '../domain/schema/ids';
import { recordAudit, type AuditAction } from './audit-log';
import { authenticate, type Caller } from './authentication';
import { BODY_LIMIT_BYTES } from './body-limits';
import { HttpError, errorResponse, json, readJson } from './http-json';
import { exportedMembers } from './roster-export';
import { readExistingState, storedKey } from './roster-existing';
import {
	allJobs,
	dropPlan,
	expireReadyJobs,
	isConflict,
	isJobId,
	listedJobs,
	newJobId,
	readJob,
	saveJob,
	statusOf,
	storeJob,
	type StoredWrite
} from './roster-jobs';
import type { RosterImports } from './roster-runner';
import type { ServerContext } from './server-context';
import { plainOf, type StoredDoc } from './stored-doc';
import { TokenBuckets, type BucketRule } from './token-buckets';

/**
 * Previews read the whole bureau and plan every row: enough for an office fixing a file row by
 * row, not for a flood.
 */
export const PREVIEW_RULE: BucketRule = { burst: 10, perMinute: 2 };
/** How many row changes a preview lists; the total says how many there are. */
export const LISTED_CHANGES = 2_000;

/** One answer for a bureau or job that is missing and one that is not the caller's. */
const NOT_FOUND = new HttpError(404, 'not_found', 'Not found.');

export type RosterHandler = (
	context: ServerContext,
	request: Request,
	clientAddress: string
) => Promise<Response>;

function mayManage(actor: Actor, orgId: string): boolean {
	return hasRole(actor, 'admin') || isOfficeOf(actor, orgId);
}

/** Random, never derived from the person (contract §2); lower case: new members sign in with it. */
function newId(prefix: 'cm' | 'br' | 'm'): string {
	const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
	const bytes = randomBytes(10);
	return prefix + Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
}

/** The fields a write changes against the stored document, to re-apply if it moves meanwhile. */
function changedFields(stored: StoredDoc, doc: Record<string, unknown>): string[] {
	const before = plainOf<Record<string, unknown>>(stored);
	const keys = new Set([...Object.keys(before), ...Object.keys(doc)]);
	return [...keys].filter(
		(key) =>
			key !== 'id' &&
			key !== 'channels' &&
			key !== 'updatedAt' &&
			!isDeepStrictEqual(before[key], doc[key])
	);
}

function storedWrite(write: PlannedWrite, stored: Map<string, StoredDoc>): StoredWrite {
	if (write.database === 'accounts') return write;
	const before = stored.get(storedKey(write.database, String(write.doc['id'])));
	return {
		database: write.database,
		doc: write.doc,
		...(before ? { previousRev: before._rev, fields: changedFields(before, write.doc) } : {})
	};
}

function orgIdParam(request: Request): string {
	const orgId = new URL(request.url).searchParams.get('orgId');
	if (!isValidId(orgId)) throw NOT_FOUND;
	return orgId;
}

/**
 * `/api/roster/…` (contract §4): previews, imports and the export of a bureau's roster, for the
 * office of that bureau and the admin. Everyone else gets the 404 of a missing bureau or job.
 */
export function rosterEndpoint(imports: RosterImports, maxTracked = 10_000): RosterHandler {
	const previews = new TokenBuckets(maxTracked);

	const audit = (
		context: ServerContext,
		caller: Caller,
		address: string,
		action: AuditAction,
		orgId: string,
		target: string,
		details: Record<string, string | number>
	) =>
		recordAudit(context.store, {
			at: context.now(),
			actor: caller.actor.username,
			action,
			orgId,
			target,
			details,
			address
		});

	async function preview(
		context: ServerContext,
		caller: Caller,
		request: Request,
		address: string
	) {
		const now = context.now();
		const verdict = previews.take(caller.actor.username, PREVIEW_RULE, now.getTime());
		if (!verdict.ok) {
			return json(
				{ error: 'too_many_requests', reason: 'Too many previews; try again later.' },
				429,
				{ 'retry-after': String(verdict.retryAfterSeconds) }
			);
		}
		const body = (await readJson(request, BODY_LIMIT_BYTES)) as {
			orgId?: unknown;
			roster?: unknown;
		} | null;
		const orgId = body?.orgId;
		if (!isValidId(orgId) || !mayManage(caller.actor, orgId)) throw NOT_FOUND;
		const roster = body?.roster as Partial<Record<keyof Roster, unknown>> | undefined;
		// Counted before anything else is looked at: planning is what a huge file would cost.
		const rows = (['communities', 'branches', 'members'] as const).reduce(
			(sum, table) => sum + (Array.isArray(roster?.[table]) ? roster[table].length : 0),
			0
		);
		if (rows > MAX_ROSTER_ROWS) {
			throw new HttpError(400, 'too_many_rows', `A roster has at most ${MAX_ROSTER_ROWS} rows.`);
		}
		const shape = rosterShapeProblems(roster);
		if (shape) throw new HttpError(400, 'bad_request', shape);
		const state = await readExistingState(context.store, orgId);
		if (!state) throw NOT_FOUND;
		const plan = planRoster(roster as Roster, state.existing, {
			now: now.toISOString(),
			newId,
			by: caller.actor.username
		});
		const jobId = newJobId(now);
		const runnable = plan.problems.length === 0 && plan.writes.length > 0;
		const db = context.store.db('imports');
		// The bureau's previews left unstarted for a day expire, with their plans (personal data).
		await expireReadyJobs(db, now, orgId);
		// A preview that cannot run stores nothing: its id answers 404 like any unknown job.
		if (runnable) {
			await storeJob(
				db,
				{
					jobId,
					orgId,
					state: 'ready',
					createdAt: now.toISOString(),
					createdBy: caller.actor.username,
					summary: plan.summary,
					fingerprint: state.fingerprint
				},
				plan.writes.map((write) => storedWrite(write, state.stored))
			);
			// The newest preview is the one the office confirms: earlier ready ones lapse (unless
			// another process started one meanwhile: a conflict).
			for (const job of await allJobs(db)) {
				if (job.orgId !== orgId || job.state !== 'ready' || job.jobId === jobId) continue;
				try {
					await dropPlan(db, await saveJob(db, { ...job, state: 'superseded' }));
				} catch (error) {
					if (!isConflict(error)) throw error;
				}
			}
		}
		await audit(context, caller, address, 'roster.preview', orgId, jobId, {
			rows,
			problems: plan.problems.length,
			writes: plan.writes.length
		});
		return json({
			jobId,
			runnable,
			problems: plan.problems,
			changes: plan.changes.slice(0, LISTED_CHANGES),
			changesTotal: plan.changes.length,
			summary: plan.summary,
			untouchedMembers: plan.untouchedMembers
		});
	}

	async function ownJob(context: ServerContext, caller: Caller, jobId: string) {
		const job = isJobId(jobId) ? await readJob(context.store.db('imports'), jobId) : null;
		if (!job || !mayManage(caller.actor, job.orgId)) throw NOT_FOUND;
		return job;
	}

	async function runImport(context: ServerContext, caller: Caller, jobId: string, address: string) {
		const job = await ownJob(context, caller, jobId);
		const started = await imports.start(job.jobId, job.orgId);
		if (job.state !== started.state) {
			await audit(context, caller, address, 'roster.import', job.orgId, job.jobId, {
				writes: started.total,
				...(started.resumedFrom !== undefined ? { resumedFrom: started.resumedFrom } : {})
			});
		}
		return json(statusOf(started), 202);
	}

	async function exportRoster(
		context: ServerContext,
		caller: Caller,
		request: Request,
		address: string
	) {
		const orgId = orgIdParam(request);
		if (!mayManage(caller.actor, orgId)) throw NOT_FOUND;
		const state = await readExistingState(context.store, orgId);
		const bureau = state?.existing.orgs.find((org) => org.id === orgId);
		if (!state || !bureau) throw NOT_FOUND;
		const members = exportedMembers(state);
		await audit(context, caller, address, 'roster.export', orgId, orgId, {
			members: members.length
		});
		return json({ bureauName: bureau.name, members });
	}

	async function route(
		context: ServerContext,
		caller: Caller,
		request: Request,
		address: string
	): Promise<Response> {
		const path = new URL(request.url).pathname.slice('/api/roster/'.length);
		const [resource, id, ...rest] = path.split('/');
		if (rest.length > 0) throw NOT_FOUND;
		const method = request.method;
		const only = (allowed: 'GET' | 'POST') => {
			if (method !== allowed) throw new HttpError(405, 'method_not_allowed', `Use ${allowed}.`);
		};
		if (resource === 'previews' && id === undefined) {
			only('POST');
			return preview(context, caller, request, address);
		}
		if (resource === 'export' && id === undefined) {
			only('GET');
			return exportRoster(context, caller, request, address);
		}
		if (resource === 'imports' && id === undefined) {
			only('GET');
			const orgId = orgIdParam(request);
			if (!mayManage(caller.actor, orgId)) throw NOT_FOUND;
			const jobs = listedJobs(await allJobs(context.store.db('imports')), orgId);
			return json({ jobs: jobs.map(statusOf) });
		}
		if (resource === 'imports' && id) {
			if (method === 'POST') return runImport(context, caller, id, address);
			only('GET');
			return json(statusOf(await ownJob(context, caller, id)));
		}
		throw NOT_FOUND;
	}

	return async (context, request, clientAddress) => {
		try {
			const caller = await authenticate(context, request);
			if (!caller) throw new HttpError(401, 'unauthorized', 'Not signed in.');
			return await route(context, caller, request, clientAddress);
		} catch (error) {
			if (error instanceof HttpError) return errorResponse(error);
			throw error;
		}
	};
}
