import type { Roster, RosterProblem } from '../domain/roster/roster-read';
import type { ImportStatus } from '../domain/roster/import-status';
import type { RosterPlan, RowChange } from '../domain/roster/roster-plan';
import type { ExportedMember } from './roster-workbooks';

/** What the server found comparing a roster with the bureau's current one; nothing written yet. */
export interface RosterPreview {
	jobId: string;
	/** False when there is any problem or nothing to write. */
	runnable: boolean;
	problems: RosterProblem[];
	/** The first changes only (the server caps the list); `changesTotal` counts them all. */
	changes: RowChange[];
	changesTotal: number;
	summary: RosterPlan['summary'];
	untouchedMembers: number;
}

export type { ImportStatus } from '../domain/roster/import-status';

export interface RosterExport {
	bureauName: string;
	members: ExportedMember[];
}

/**
 * Why a request got no usable answer. `stale`: another import changed the roster after this
 * preview, so it must be previewed again; `busy`: another import of the bureau is running;
 * `not-found`: no such bureau or job for this person
 * (the server does not say which).
 */
export type RosterRequestFailure =
	'offline' | 'stale' | 'busy' | 'too-large' | 'not-found' | 'server';

export type RosterAnswer<T> = { ok: true; value: T } | { ok: false; failure: RosterRequestFailure };

async function request<T>(path: string, init: RequestInit = {}): Promise<RosterAnswer<T>> {
	let response: Response;
	try {
		response = await fetch(path, { credentials: 'same-origin', ...init });
	} catch {
		return { ok: false, failure: 'offline' };
	}
	if (response.ok) return { ok: true, value: (await response.json()) as T };
	if (response.status === 409) {
		const body = (await response.json().catch(() => null)) as { error?: unknown } | null;
		return { ok: false, failure: body?.error === 'busy' ? 'busy' : 'stale' };
	}
	if (response.status === 413) return { ok: false, failure: 'too-large' };
	if (response.status === 404 || response.status === 403)
		return { ok: false, failure: 'not-found' };
	return { ok: false, failure: 'server' };
}

function postJson<T>(path: string, body?: unknown): Promise<RosterAnswer<T>> {
	return request<T>(path, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
}

/** Sends the roster read from the file for the server to check against the bureau's. */
export function previewRoster(orgId: string, roster: Roster): Promise<RosterAnswer<RosterPreview>> {
	return postJson('/api/roster/previews', { orgId, roster });
}

/** Starts a previewed import, or continues an interrupted one. */
export function runImport(jobId: string): Promise<RosterAnswer<ImportStatus>> {
	return postJson(`/api/roster/imports/${encodeURIComponent(jobId)}`);
}

export function importStatus(jobId: string): Promise<RosterAnswer<ImportStatus>> {
	return request(`/api/roster/imports/${encodeURIComponent(jobId)}`);
}

/** The bureau's latest imports, an unfinished one first. */
export async function recentImports(orgId: string): Promise<RosterAnswer<ImportStatus[]>> {
	const answer = await request<{ jobs: ImportStatus[] }>(
		`/api/roster/imports?orgId=${encodeURIComponent(orgId)}`
	);
	return answer.ok ? { ok: true, value: answer.value.jobs } : answer;
}

/** The bureau's roster for an Excel export; mobiles come masked. */
export function rosterExport(orgId: string): Promise<RosterAnswer<RosterExport>> {
	return request(`/api/roster/export?orgId=${encodeURIComponent(orgId)}`);
}

export function isUnfinished(status: ImportStatus): boolean {
	return status.state === 'running' || status.state === 'failed';
}

/** The device's and the server's problems with a roster as one list: one both found shows once. */
export function mergeProblems(
	local: readonly RosterProblem[],
	server: readonly RosterProblem[]
): RosterProblem[] {
	const seen = new Set<string>();
	return [...local, ...server].filter((problem) => {
		const key = `${problem.table}|${problem.row}|${problem.column}|${problem.code}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

const POLL_MS = 1000;

/**
 * Asks for the import's status every second while it runs, handing each answer on; stops by
 * itself once the import has ended, or when the returned function is called. A lost connection
 * only skips a beat: the import goes on on the server.
 */
export function followImport(
	jobId: string,
	onStatus: (status: ImportStatus) => void,
	onFailure: (failure: RosterRequestFailure) => void = () => undefined
): () => void {
	let stopped = false;
	let timer: ReturnType<typeof setTimeout> | undefined;
	const poll = async () => {
		const answer = await importStatus(jobId);
		if (stopped) return;
		if (answer.ok) {
			onStatus(answer.value);
			if (answer.value.state !== 'running') return;
		} else {
			onFailure(answer.failure);
			if (answer.failure === 'not-found') return;
		}
		timer = setTimeout(() => void poll(), POLL_MS);
	};
	timer = setTimeout(() => void poll(), POLL_MS);
	return () => {
		stopped = true;
		clearTimeout(timer);
	};
}
