import { fixedAttendance } from '../domain/events/attendance-fixes';
import { isDeepStrictEqual } from 'node:util';
import { channel, inYear, openYears } from '../domain/access/channels';
import { shanghaiDay, shanghaiYear } from '../domain/calendar/shanghai-calendar';
import { shanghaiIsoWeek } from '../domain/calendar/shanghai-week';
import type { Org } from '../domain/directory/orgs';
import { branchYearId, type BranchYearSummary } from '../domain/evaluation/branch-year';
import { bureauYearId } from '../domain/evaluation/bureau-year';
import { memberYearId, type MemberYearSummary } from '../domain/evaluation/member-year';
import {
	branchYearSummary,
	bureauYearSummary,
	memberYearSummary
} from '../domain/evaluation/year-summaries';
import { roundingRules } from '../domain/events/service-hours';
import { BRANCH_DUTY_TYPES } from '../domain/events/yearly-duties';
import { isPointsScheme, type PointsScheme } from '../domain/points/points-scheme';
import { isBreachDoc } from '../domain/conduct/breach-status';
import { isFeedback } from '../domain/feedback/community-feedback';
import { derivedRecords } from '../domain/records/derived-records';
import { isServiceRecord, type ServiceRecord } from '../domain/records/service-record';
import type { Activity, BureauYearSummary, Member, Report, Review } from '../domain/registry';

import { reportId } from '../domain/reporting/reports';
import { reviewId } from '../domain/reporting/reviews';
import type { ClaimDecision } from '../domain/marketplace/claim-decisions';
import type { Claim } from '../domain/marketplace/claim-record';
import type { ChannelReader } from './channel-index';
import { recordDepartures } from './departures';
import { derivedRecordWrites, storeRecordWrites } from './derived-record-writes';
import { LeasedWorker } from './leased-worker';
import type { UpstreamSeq } from './seq-token';
import { plainOf, type StoredDoc } from './stored-doc';
import type { Database, Store } from './store';
import { writeWeeklyDigests } from './weekly-digest';
import { writeAgreementNotices } from './agreement-notices';
import { demoSeedUnderway } from './demo/demo-seed';

/** What the worker writes: the summaries of `evaluations` (the other kinds there are people's). */
type SummaryDoc = MemberYearSummary | BranchYearSummary | BureauYearSummary;
type Plain = { kind?: unknown };

/**
 * The databases whose changes can change a summary. `evaluations` holds the summaries themselves
 * too: only its breaches, decisions and feedback touch one (`JUDGING_KINDS`).
 */
const FEEDS = [
	'members',
	'reports',
	'reviews',
	'attendance',
	'activities',
	'directory',
	'evaluations'
] as const;
export type Feed = (typeof FEEDS)[number];

/** The kinds of `attendance` that count toward R16 besides check-ins. */
const CLAIM_KINDS: readonly string[] = ['claim', 'claim-decision'];

/** The kinds of `evaluations` a member's points and grade depend on (R20, R21). */
function judgesMember(doc: Record<string, unknown>): boolean {
	return isFeedback(doc) || (isBreachDoc(doc) && doc.kind !== 'breach-response');
}

const CHECKPOINT_ID = 'summary-checkpoint';
/** A run of changes is summarised once it has been quiet this long, or has waited the longest. */
const SETTLE_QUIET_MS = 250;
const SETTLE_MAX_MS = 2_000;
const LEASE_ID = 'summary-lease';

interface Checkpoint {
	_id: string;
	_rev?: string;
	/** Where each feed was read up to; everything before is in the summaries. */
	seqs: Record<Feed, UpstreamSeq>;
	/** The current year when the summaries were last swept: a new year sweeps again. */
	year: number;
	/** The Shanghai ISO week of the last secretaries' digests: a new week writes them again. */
	week?: string;
	/** The Shanghai day agreements' ends were last looked at: a new day looks again. */
	day?: string;
}

export interface SummaryWorkerOptions {
	now: () => Date;
	/** How long the lease lasts without renewal; the holder renews it at a third of that. */
	leaseMs: number;
	/** How many summaries one step computes; it reads five times as many changes of each feed. */
	batchSize?: number;
	/**
	 * Tells `onChange` of every change of database `name` until the returned function is called:
	 * the server passes its change hubs, so the worker adds no changes feed of its own.
	 */
	watch(name: Feed, onChange: () => void): () => void;
}

/** A (year, id) set: which summaries of which year a step recomputes. */
class YearSets {
	private readonly byYear = new Map<number, Set<string>>();

	add(year: number, id: string): void {
		let ids = this.byYear.get(year);
		if (!ids) this.byYear.set(year, (ids = new Set()));
		ids.add(id);
	}

	entries(): [number, string[]][] {
		return [...this.byYear].map(([year, ids]) => [year, [...ids]]);
	}
}

class Work {
	readonly members = new YearSets();
	readonly branches = new YearSets();
	readonly bureaus = new YearSets();
	/** Check-ins whose year is their activity's, known once the activities are read. */
	readonly attendance: { memberId: string; activityId: string }[] = [];
}

const unique = <T>(values: Iterable<T>): T[] => [...new Set(values)];

async function docsById(db: Database, ids: readonly string[]): Promise<Map<string, StoredDoc>> {
	const found = new Map<string, StoredDoc>();
	if (ids.length === 0) return found;
	const result = await db.allDocs({ keys: unique(ids), include_docs: true });
	for (const row of result.rows) {
		if ('doc' in row && row.doc && !row.value.deleted) found.set(row.id, row.doc);
	}
	return found;
}

/**
 * The documents of one channel, from the gateway's channel index.
 * The year-scoped channels are the summaries' own grouping: a member's records of a year
 * (`member:<id>/<year>`), a branch's activities of a year (`branch:<id>/<year>`).
 */
async function inChannel(index: ChannelReader, name: string): Promise<StoredDoc[]> {
	return (await index(name, '', Infinity)).docs;
}

function chunks<T>(values: readonly T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
	return out;
}

/** The same summary apart from when it was computed. */
function sameContent(stored: StoredDoc | undefined, next: SummaryDoc): boolean {
	if (!stored) return false;
	const { _id, _rev, updatedAt, ...before } = stored;
	const { id, updatedAt: nextUpdatedAt, ...after } = next;
	void _rev;
	void updatedAt;
	void nextUpdatedAt;
	return _id === id && isDeepStrictEqual(before, after);
}

/**
 * Keeps the `evaluations` summaries (member-year, branch-year, bureau-year) up to date with the
 * records, on the server, with the domain's own functions (docs/architecture.md, "The summary
 * worker"). It follows the changes feeds of the records from a checkpoint in `config`, works out
 * which summaries each change touches, recomputes them from what it reads by key and index, and
 * writes a summary only when its content changed. Before a member's summaries it derives the
 * service records the server owns (from check-ins, 需核实 resolutions and confirmed claims) and
 * stores those that changed, never deleting one; after catching up it writes the secretaries'
 * weekly digest once a week, and once a day tells them of co-building agreements ending soon.
 * One process of a deployment runs it: the one holding the lease.
 */
export class SummaryWorker extends LeasedWorker {
	private readonly batch: number;
	/** Since when changes have been arriving unsummarised, and when the last one came (ms). */
	private changesSince: number | null = null;
	private lastChangeAt = 0;

	constructor(
		private readonly store: Store,
		private readonly options: SummaryWorkerOptions
	) {
		super({
			config: store.db('config'),
			leaseId: LEASE_ID,
			checkpointId: CHECKPOINT_ID,
			leaseMs: options.leaseMs,
			name: 'summary',
			failure: 'Computing summaries failed:'
		});
		this.batch = options.batchSize ?? 200;
	}

	/** While holding the lease, any change of a followed database wakes the worker. */
	protected follow(): (() => void)[] {
		return FEEDS.map((name) => this.options.watch(name, () => this.changed()));
	}

	private changed(): void {
		this.lastChangeAt = Date.now();
		// While a run settles it waits out its quiet time by itself: five hundred check-ins must
		// not wake it five hundred times.
		if (this.changesSince !== null) {
			this.dirty = true;
			return;
		}
		this.changesSince = this.lastChangeAt;
		this.poke();
	}

	/**
	 * Lets a run of changes settle before summarising it: fifty phones pushing their check-ins at
	 * once are answered first, and their members' summaries are then computed once each instead
	 * of after every push. An `idle()` request does not wait.
	 */
	protected async beforeStep(): Promise<void> {
		while (this.changesSince !== null && !this.requestPending && !this.closed) {
			const now = Date.now();
			const quietFor = now - this.lastChangeAt;
			const waited = now - this.changesSince;
			if (quietFor >= SETTLE_QUIET_MS || waited >= SETTLE_MAX_MS) break;
			await this.sleep(SETTLE_QUIET_MS - quietFor);
		}
		this.changesSince = null;
	}

	private db(name: Feed | 'evaluations'): Database {
		return this.store.db(name);
	}

	private channels(name: Feed | 'evaluations'): ChannelReader {
		return this.store.channelIndex.reader(name);
	}

	/** Reads every feed to its end, recomputing as it goes; sweeps first when a year begins. */
	protected async catchUp(): Promise<void> {
		this.keepLease();
		const year = shanghaiYear(this.options.now());
		let checkpoint = await this.readCheckpoint<Checkpoint>();
		if (!checkpoint || checkpoint.year !== year) {
			// Taken before the sweep: what changes during it is read from the feeds afterwards.
			const seqs = checkpoint?.seqs ?? (await this.feedEnds());
			await this.sweep(checkpoint ? [year] : openYears(this.options.now()));
			checkpoint = await this.saveCheckpoint({
				_id: CHECKPOINT_ID,
				...(checkpoint?._rev ? { _rev: checkpoint._rev } : {}),
				seqs,
				year
			});
		}
		for (;;) {
			const { seqs, work, read } = await this.readFeeds(checkpoint.seqs);
			if (read === 0) break;
			await this.compute(work);
			checkpoint = await this.saveCheckpoint({ ...checkpoint, seqs });
		}
		// After the summaries are up to date: the digest tells what they say. A store without
		// secretaries yet is asked again at the next step (every few seconds); so is one the demo
		// is being seeded into, whose secretaries' accounts and agreements are still coming.
		const week = shanghaiIsoWeek(this.options.now());
		// Agreements near their end come closer every day without a change to any document.
		const day = shanghaiDay(this.options.now());
		if (checkpoint.week === week && checkpoint.day === day) return;
		if (await demoSeedUnderway(this.store)) return;
		if (checkpoint.week !== week) {
			this.keepLease();
			if (await writeWeeklyDigests(this.store, this.options.now())) {
				checkpoint = await this.saveCheckpoint({ ...checkpoint, week });
			}
		}
		if (checkpoint.day !== day) {
			this.keepLease();
			if (await writeAgreementNotices(this.store, this.options.now())) {
				await this.saveCheckpoint({ ...checkpoint, day });
			}
		}
	}

	private async feedEnds(): Promise<Record<Feed, UpstreamSeq>> {
		const seqs = {} as Record<Feed, UpstreamSeq>;
		for (const name of FEEDS) seqs[name] = (await this.db(name).info()).update_seq;
		return seqs;
	}

	/** Every member's, branch's and bureau's summary of `years`, from scratch. */
	private async sweep(years: readonly number[]): Promise<void> {
		const work = new Work();
		let startkey: string | undefined;
		for (;;) {
			const page = await this.db('members').allDocs({
				limit: this.batch,
				...(startkey === undefined ? {} : { startkey, skip: 1 })
			});
			const ids = page.rows.map((row) => row.id).filter((id) => !id.startsWith('_design/'));
			await this.memberYears(years, ids, work);
			if (page.rows.length < this.batch) break;
			startkey = page.rows.at(-1)?.id;
		}
		const branches = await this.db('directory').query('summaries/branches');
		for (const row of branches.rows) {
			for (const year of years) work.branches.add(year, String(row.id));
		}
		await this.branchYears(work);
		await this.bureauYears(work);
	}

	/** One step of every feed: the summaries the changes touch, and where the feeds are then. */
	private async readFeeds(from: Record<Feed, UpstreamSeq>) {
		const now = this.options.now();
		const current = shanghaiYear(now);
		const open = openYears(now);
		const work = new Work();
		const seqs = { ...from };
		let read = 0;
		for (const name of FEEDS) {
			const db = this.db(name);
			const result = await db.changes({
				// A checkpoint from before `evaluations` was followed reads it from its start once.
				since: from[name] ?? 0,
				limit: this.batch * 5,
				include_docs: true
			});
			seqs[name] = result.last_seq;
			read += result.results.length;
			for (const change of result.results) {
				if (change.id.startsWith('_design/')) continue;
				const doc = await this.bodyOf(db, change.doc);
				await this.touch(name, change.id, doc, work, current, open);
			}
		}
		return { seqs, work, read };
	}

	/**
	 * The fields of a changed document. A deletion may carry only `_deleted`; its last body is
	 * then the revision before it (gone after compaction, when only the id is left).
	 */
	private async bodyOf(db: Database, doc: StoredDoc | undefined): Promise<StoredDoc | null> {
		if (!doc) return null;
		if (!doc._deleted || Object.keys(doc).some((key) => !key.startsWith('_'))) return doc;
		const withRevs = await db.get(doc._id, { rev: doc._rev, revs: true }).catch(() => null);
		const revisions = withRevs?._revisions;
		const parent = revisions?.ids[1];
		if (!revisions || !parent) return null;
		return db.get(doc._id, { rev: `${revisions.start - 1}-${parent}` }).catch(() => null);
	}

	/** Which summaries a change of one record touches (docs/architecture.md lists the rules). */
	private async touch(
		feed: Feed,
		id: string,
		doc: StoredDoc | null,
		work: Work,
		current: number,
		open: readonly number[]
	): Promise<void> {
		const field = (name: string) => (typeof doc?.[name] === 'string' ? String(doc[name]) : null);
		switch (feed) {
			case 'members':
				work.members.add(current, id);
				return;
			case 'reports':
			case 'reviews': {
				const memberId = field('memberId') ?? /^(.+?)\.(residence|unit)\./.exec(id)?.[1];
				if (!memberId) return;
				// Service records, corrections and approvals count in their own year: their channels'.
				const years = channelYears(doc).filter((year) => open.includes(year));
				for (const year of years.length ? years : [current]) work.members.add(year, memberId);
				return;
			}
			case 'attendance': {
				const memberId = field('memberId');
				// A claim or decision counts in the year it was done: any open year.
				if (memberId && CLAIM_KINDS.includes(field('kind') ?? '')) {
					for (const year of open) work.members.add(year, memberId);
					return;
				}
				const activityId = field('activityId');
				if (memberId && activityId) work.attendance.push({ memberId, activityId });
				return;
			}
			case 'activities': {
				// Its year may have changed: both open years, for everyone recorded at it.
				const records = await this.db('attendance').allDocs({
					startkey: `${id}.`,
					endkey: `${id}.\ufff0`
				});
				for (const row of records.rows) {
					const memberId = /^(.+)\.(signup|in|out)$/.exec(row.id.slice(id.length + 1))?.[1];
					if (memberId) for (const year of open) work.members.add(year, memberId);
				}
				const host = field('hostBranchId');
				if (host) for (const year of open) work.branches.add(year, host);
				return;
			}
			case 'evaluations': {
				const memberId = field('memberId');
				const year = doc?.['year'];
				if (!doc || !memberId || !judgesMember(doc) || typeof year !== 'number') return;
				if (open.includes(year)) work.members.add(year, memberId);
				return;
			}
			case 'directory': {
				const kind = field('kind');
				if (kind === 'points-scheme') {
					await this.touchScheme(doc, work, open);
					return;
				}
				if (doc && kind !== 'branch' && kind !== 'bureau') return;
				if (kind !== 'bureau') {
					// A branch's linked community decides its members' unit reports.
					for (const year of open) work.branches.add(year, id);
					for (const member of await inChannel(this.channels('members'), channel.branch(id))) {
						work.members.add(current, member._id);
					}
				}
				if (kind !== 'branch') {
					// A bureau's rounding rule counts its members' service time.
					for (const year of open) work.bureaus.add(year, id);
					for (const memberId of await this.membersOfBureau(id)) {
						for (const year of open) work.members.add(year, memberId);
					}
				}
				return;
			}
		}
	}

	/** A new version of a bureau's points scheme: every member of the bureau, in its year. */
	private async touchScheme(
		doc: StoredDoc | null,
		work: Work,
		open: readonly number[]
	): Promise<void> {
		const orgId = doc?.['orgId'];
		const year = doc?.['year'];
		if (typeof orgId !== 'string' || typeof year !== 'number' || !open.includes(year)) return;
		for (const memberId of await this.membersOfBureau(orgId)) work.members.add(year, memberId);
	}

	/** The bureaus' points schemes (every year's: the engine picks the year's versions). */
	private async schemesOf(orgIds: readonly string[]): Promise<PointsScheme[]> {
		const schemes: PointsScheme[] = [];
		for (const orgId of orgIds) {
			const rows = await this.db('directory').allDocs({
				startkey: `points.${orgId}.`,
				endkey: `points.${orgId}.\ufff0`,
				include_docs: true
			});
			for (const row of rows.rows) {
				const doc = 'doc' in row && row.doc ? plainOf<Plain>(row.doc) : null;
				if (doc && isPointsScheme(doc)) schemes.push(doc);
			}
		}
		return schemes;
	}

	private async membersOfBureau(orgId: string): Promise<string[]> {
		const ids: string[] = [];
		const branches = await this.db('directory').query('summaries/branches', { key: orgId });
		for (const branch of branches.rows) {
			const members = await inChannel(this.channels('members'), channel.branch(String(branch.id)));
			ids.push(...members.map((member) => member._id));
		}
		return ids;
	}

	/** Recomputes what a step touched: members first, then their branches, then the bureaus. */
	private async compute(work: Work): Promise<void> {
		await this.resolveAttendance(work);
		for (const [year, ids] of work.members.entries()) {
			for (const part of chunks(ids, this.batch)) await this.memberYears([year], part, work);
		}
		await this.branchYears(work);
		await this.bureauYears(work);
	}

	/** A check-in counts in its activity's year; a duty activity's also in its host branch's. */
	private async resolveAttendance(work: Work): Promise<void> {
		if (!work.attendance.length) return;
		const open = new Set(openYears(this.options.now()));
		const activities = await docsById(
			this.db('activities'),
			work.attendance.map((a) => a.activityId)
		);
		for (const { memberId, activityId } of work.attendance) {
			const activity = activities.get(activityId);
			const years = activity ? [shanghaiYear(String(activity['startsAt']))] : [...open];
			for (const year of years.filter((y) => open.has(y))) {
				work.members.add(year, memberId);
				const host = activity?.['hostBranchId'];
				const duty = (BRANCH_DUTY_TYPES as readonly unknown[]).includes(activity?.['type']);
				if (duty && typeof host === 'string') work.branches.add(year, host);
			}
		}
	}

	/** Writes the summaries that changed and deletes those whose subject is gone. */
	private async write(
		changed: { stored: StoredDoc | undefined; next: SummaryDoc | null }[]
	): Promise<void> {
		const docs = changed.flatMap(({ stored, next }): StoredDoc[] => {
			if (!next) return stored ? [{ ...stored, _deleted: true }] : [];
			if (sameContent(stored, next)) return [];
			const { id, ...fields } = next;
			return [{ ...fields, _id: id, ...(stored ? { _rev: stored._rev } : {}) } as StoredDoc];
		});
		if (docs.length === 0) return;
		this.keepLease();
		await recordDepartures(
			this.store,
			'evaluations',
			docs.map((doc) => {
				const stored = changed.find((c) => c.stored?._id === doc._id)?.stored ?? null;
				const channels = doc['channels'];
				return { id: doc._id, prev: stored, nextChannels: Array.isArray(channels) ? channels : [] };
			})
		);
		const results = await this.db('evaluations').bulkDocs(docs);
		const failed = results.filter((result) => 'error' in result && result.error);
		if (failed.length) throw new Error(`Writing ${failed.length} summaries failed.`);
	}

	/** The summaries of `years` of the members `ids`, from one read of their records. */
	private async memberYears(
		years: readonly number[],
		ids: readonly string[],
		work: Work
	): Promise<void> {
		if (ids.length === 0) return;
		const members = [...(await docsById(this.db('members'), ids)).values()].map((doc) =>
			plainOf<Member>(doc)
		);
		const existing = await docsById(
			this.db('evaluations'),
			years.flatMap((year) => ids.map((id) => memberYearId(id, year)))
		);
		const orgs = new Map(
			[
				...(
					await docsById(
						this.db('directory'),
						members.flatMap((m) => [m.branchId, m.orgId])
					)
				).values()
			].map((doc) => [doc._id, plainOf<Org>(doc)])
		);
		const reportIds = members.flatMap((m) => {
			const linked = orgs.get(m.branchId)?.linkedCommunityId;
			return [
				...(m.residenceCommunityId ? [reportId(m.id, 'residence', m.residenceCommunityId)] : []),
				...(linked ? [reportId(m.id, 'unit', linked)] : [])
			];
		});
		const reports = [...(await docsById(this.db('reports'), reportIds)).values()].map((doc) =>
			plainOf<Report>(doc)
		);
		const reviewDocs = [
			...(
				await docsById(
					this.db('reviews'),
					reports.map((r) => reviewId(r.id, r.submission))
				)
			).values()
		];
		const reviews = reviewDocs.map((doc) => plainOf<Review>(doc));
		// A check-in's channel year is its own time's; read the open years around the ones computed,
		// so one recorded just before an activity that began on New Year's Day still counts.
		const recordYears = unique([...years, ...openYears(this.options.now())]);
		const claims: Claim[] = [];
		const decisions: ClaimDecision[] = [];
		const hosted: Activity[] = [];
		/** Each member's attendance docs of every kind (fixes, late-sync notes): records derive from them. */
		const attendanceDocs = new Map<string, Plain[]>();
		/** Each member's records, corrections and approvals: they live in the yearly channels. */
		const recordDocs = new Map<string, StoredDoc[]>();
		const decisionDocs = new Map<string, StoredDoc[]>();
		/** Each member's breaches, decisions on them and the communities' feedback. */
		const judging: { id: string; kind?: unknown }[] = [];
		for (const year of recordYears) {
			for (const member of members) {
				const own = inYear(channel.member(member.id), year);
				for (const doc of await inChannel(this.channels('attendance'), own)) {
					pushTo(attendanceDocs, member.id, plainOf<Plain>(doc));
					// The server's notes, fixes and claims share the channels; they are no attendance.
					if (doc['kind'] === 'claim') claims.push(plainOf<Claim>(doc));
					else if (doc['kind'] === 'claim-decision') decisions.push(plainOf<ClaimDecision>(doc));
				}
				for (const doc of await inChannel(this.channels('reports'), own)) {
					pushTo(recordDocs, member.id, doc);
				}
				for (const doc of await inChannel(this.channels('reviews'), own)) {
					pushTo(decisionDocs, member.id, doc);
				}
				for (const doc of await inChannel(this.channels('evaluations'), own)) {
					if (judgesMember(doc)) judging.push(plainOf<{ id: string; kind?: unknown }>(doc));
				}
			}
		}
		// As 需核实 resolutions leave them: R8, R16 and service time agree with the derived records.
		const attendance = fixedAttendance([...attendanceDocs.values()].flat());
		for (const year of years) {
			for (const branchId of unique(members.map((m) => m.branchId))) {
				for (const doc of await inChannel(
					this.channels('activities'),
					inYear(channel.branch(branchId), year)
				)) {
					if (doc['hostBranchId'] === branchId) hosted.push(plainOf<Activity>(doc));
				}
			}
		}
		const activities = new Map(hosted.map((a) => [a.id, a]));
		const cited = await docsById(
			this.db('activities'),
			attendance.map((a) => a.activityId).filter((id) => !activities.has(id))
		);
		for (const doc of cited.values()) activities.set(doc._id, plainOf<Activity>(doc));

		const recordsOf = groupBy(
			attendance.filter((a) => a.kind !== 'signup'),
			(a) => a.memberId
		);
		const claimsOf = groupBy(claims, (c) => c.memberId);
		const decisionsOf = groupBy(decisions, (d) => d.memberId);
		const now = this.options.now();
		const ruleOf = roundingRules([...orgs.values()]);
		const writes = members.flatMap((member) => {
			const checkIns = recordsOf.get(member.id) ?? [];
			const inputs = {
				member,
				activities: unique(checkIns.flatMap((a) => activities.get(a.activityId) ?? [])),
				attendance: attendanceDocs.get(member.id) ?? [],
				claims: {
					claims: claimsOf.get(member.id) ?? [],
					decisions: decisionsOf.get(member.id) ?? []
				},
				ruleOf,
				now
			};
			const drafts = openYears(now).flatMap((year) => derivedRecords({ ...inputs, year }));
			const stored = new Map(
				(recordDocs.get(member.id) ?? []).flatMap((doc) => {
					const record = plainOf<ServiceRecord>(doc);
					return isServiceRecord(record) ? [[record.id, { doc, record }] as const] : [];
				})
			);
			return derivedRecordWrites(stored, drafts, now.toISOString());
		});
		if (writes.length) {
			this.keepLease();
			await storeRecordWrites(this.store, writes);
			// The summaries below count what was just written; the write's own change finds nothing new.
			for (const { next } of writes) {
				const docs = recordDocs.get(next.memberId) ?? [];
				const { id, ...fields } = next;
				const written = { ...fields, _id: id, _rev: '' } as StoredDoc;
				recordDocs.set(next.memberId, [...docs.filter((doc) => doc._id !== id), written]);
			}
		}
		// One object for the batch: the standings index it once (by identity) for every member.
		const standing = {
			reports: [...reports, ...[...recordDocs.values()].flat().map((doc) => plainOf<Plain>(doc))],
			reviews: [...reviewDocs, ...[...decisionDocs.values()].flat()].map((doc) =>
				plainOf<Plain>(doc)
			),
			schemes: await this.schemesOf(unique(members.map((m) => m.orgId))),
			evaluations: judging
		};
		const hostedBy = groupBy([...activities.values()], (a) => a.hostBranchId ?? '');
		const reportsOf = groupBy(reports, (r) => r.memberId);
		const reviewsOf = groupBy(reviews, (r) => r.memberId);
		const updatedAt = now.toISOString();
		const found = new Map(members.map((m) => [m.id, m]));
		for (const year of years) {
			const changed = ids.map((id) => {
				const stored = existing.get(memberYearId(id, year));
				const member = found.get(id);
				if (!member) return { stored, next: null };
				const own = recordsOf.get(id) ?? [];
				const next = memberYearSummary({
					member,
					branch: orgs.get(member.branchId) ?? null,
					orgs: [...orgs.values()],
					reports: reportsOf.get(id) ?? [],
					reviews: reviewsOf.get(id) ?? [],
					attendance: own,
					activities: unique([
						...(hostedBy.get(member.branchId) ?? []),
						...own.flatMap((a) => activities.get(a.activityId) ?? [])
					]),
					claims: { claims: claimsOf.get(id) ?? [], decisions: decisionsOf.get(id) ?? [] },
					standing,
					year,
					updatedAt,
					now
				});
				return { stored, next };
			});
			for (const { stored, next } of changed) {
				if (next && sameContent(stored, next)) continue;
				for (const summary of [stored, next]) {
					const branchId = summary?.['branchId'];
					if (typeof branchId === 'string') work.branches.add(year, branchId);
				}
			}
			await this.write(changed);
		}
	}

	private async branchYears(work: Work): Promise<void> {
		for (const [year, ids] of work.branches.entries()) {
			for (const part of chunks(ids, this.batch)) {
				const branches = await docsById(this.db('directory'), part);
				const existing = await docsById(
					this.db('evaluations'),
					part.map((id) => branchYearId(id, year))
				);
				const hosted: Activity[] = [];
				for (const id of part) {
					for (const doc of await inChannel(
						this.channels('activities'),
						inYear(channel.branch(id), year)
					)) {
						if (doc['hostBranchId'] === id) hosted.push(plainOf<Activity>(doc));
					}
				}
				const duties = hosted.filter(
					(a) =>
						(BRANCH_DUTY_TYPES as readonly string[]).includes(a.type) &&
						shanghaiYear(a.startsAt) === year
				);
				const atDuties: Plain[] = [];
				for (const activity of duties) {
					const records = await this.db('attendance').allDocs({
						startkey: `${activity.id}.`,
						endkey: `${activity.id}.\ufff0`,
						include_docs: true
					});
					for (const row of records.rows) if (row.doc) atDuties.push(plainOf<Plain>(row.doc));
				}
				const checkIns = fixedAttendance(atDuties);
				const updatedAt = this.options.now().toISOString();
				const changed: { stored: StoredDoc | undefined; next: SummaryDoc | null }[] = [];
				for (const id of part) {
					const stored = existing.get(branchYearId(id, year));
					const doc = branches.get(id);
					const branch = doc ? plainOf<Org>(doc) : null;
					if (!branch || branch.kind !== 'branch' || !branch.parentId) {
						changed.push({ stored, next: null });
						continue;
					}
					const next = branchYearSummary({
						branch: { ...branch, parentId: branch.parentId },
						memberYears: await this.memberYearsOfBranch(id, year),
						activities: duties.filter((a) => a.hostBranchId === id),
						attendance: checkIns,
						year,
						updatedAt
					});
					changed.push({ stored, next });
				}
				for (const { stored, next } of changed) {
					if (next && sameContent(stored, next)) continue;
					for (const summary of [stored, next]) {
						const orgId = summary?.['orgId'];
						if (typeof orgId === 'string') work.bureaus.add(year, orgId);
					}
				}
				await this.write(changed);
			}
		}
	}

	/** The branch's members' summaries of the year: its channel holds them. */
	private async memberYearsOfBranch(branchId: string, year: number): Promise<MemberYearSummary[]> {
		return (await inChannel(this.channels('evaluations'), inYear(channel.branch(branchId), year)))
			.filter((doc) => doc['kind'] === 'member-year')
			.map((doc) => plainOf<MemberYearSummary>(doc));
	}

	private async bureauYears(work: Work): Promise<void> {
		for (const [year, ids] of work.bureaus.entries()) {
			const existing = await docsById(
				this.db('evaluations'),
				ids.map((id) => bureauYearId(id, year))
			);
			const updatedAt = this.options.now().toISOString();
			const changed: { stored: StoredDoc | undefined; next: SummaryDoc | null }[] = [];
			for (const orgId of ids) {
				const branches = await this.db('directory').query('summaries/branches', { key: orgId });
				const branchYears = [
					...(
						await docsById(
							this.db('evaluations'),
							branches.rows.map((row) => branchYearId(String(row.id), year))
						)
					).values()
				]
					.map((doc) => plainOf<BranchYearSummary>(doc))
					.filter((summary) => summary.orgId === orgId);
				const stored = existing.get(bureauYearId(orgId, year));
				changed.push({
					stored,
					next: branchYears.length
						? bureauYearSummary({ orgId, branchYears, year, updatedAt })
						: null
				});
			}
			await this.write(changed);
		}
	}
}

/** The years of a document's yearly channels (`…/<year>`). */
function channelYears(doc: StoredDoc | null): number[] {
	const channels = Array.isArray(doc?.['channels']) ? (doc['channels'] as unknown[]) : [];
	return unique(
		channels.flatMap((name) => {
			const year = typeof name === 'string' ? /\/(\d{4})$/.exec(name)?.[1] : undefined;
			return year ? [Number(year)] : [];
		})
	);
}

function pushTo<T>(groups: Map<string, T[]>, key: string, value: T): void {
	const list = groups.get(key);
	if (list) list.push(value);
	else groups.set(key, [value]);
}

function groupBy<T>(values: readonly T[], key: (value: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const value of values) pushTo(groups, key(value), value);
	return groups;
}
