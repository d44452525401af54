import { isActivity } from '../domain/events/activities';
import { canRead, channel, inYear, openYears } from '../domain/access/channels';
import {
	DETAIL_DOC_LIMIT,
	type ActivityRecords,
	type DetailAttendance,
	type MemberRecords
} from '../domain/access/record-detail';
import { grantsOf, type Actor } from '../domain/access/roles';
import { shanghaiYear } from '../domain/calendar/shanghai-calendar';
import type { Activity, Member, Report, Review } from '../domain/registry';
import { isApproval, type Approval } from '../domain/records/approvals';
import { isReport } from '../domain/reporting/reports';
import { isReview } from '../domain/reporting/reviews';
import { isCorrection, type Correction } from '../domain/records/corrections';
import { isServiceRecord, type ServiceRecord } from '../domain/records/service-record';
import { authenticate, type Caller } from './authentication';
import { HttpError, errorResponse, json } from './http-json';
import type { ServerContext } from './server-context';
import { plainOf, type StoredDoc } from './stored-doc';

/**
 * Detail on demand (`GET /api/records/member/<id>`, `GET /api/records/activity/<id>`): the office
 * replicates summaries, not every record of its bureau, and reads one member's or one activity's
 * records online when it drills down. Contacts are never part of it.
 *
 * Who reads what is the gateway's rule, `canRead(granted, doc.channels)`, with one addition: the
 * office's detail grant. The office of bureau `o` may read, for a record about a member of `o`
 * (the record's own `orgId`), the channel that member reads it in; and an activity hosted by a
 * branch of `o`. Everyone else reads exactly what their session's channels allow — what their
 * device already replicates.
 */

/** The kinds detail is made of. Not `contacts`: phone and ID numbers never come this way. */
export type DetailCollection = 'members' | 'reports' | 'reviews' | 'attendance' | 'activities';

type Fields = Record<string, unknown>;

const text = (doc: Fields, field: string): string | undefined =>
	typeof doc[field] === 'string' ? doc[field] : undefined;

/**
 * The channels the office's role adds for one document, from the document's own fields and the
 * bureau of a branch (`bureauOf`, from the directory). Empty for other roles and other bureaus.
 */
export function officeDetailGrant(
	actor: Actor,
	collection: DetailCollection,
	doc: Fields,
	bureauOf: (branchId: string) => string | undefined
): string[] {
	const offices = new Set(grantsOf(actor.roles, 'office').map((grant) => grant.orgId));
	if (offices.size === 0) return [];
	const orgId = text(doc, 'orgId');
	const ofBureau = orgId !== undefined && offices.has(orgId);
	switch (collection) {
		case 'members': {
			const id = text(doc, 'id');
			return ofBureau && id ? [channel.member(id)] : [];
		}
		case 'reports':
		case 'reviews': {
			const memberId = text(doc, 'memberId');
			if (!ofBureau || !memberId) return [];
			// Service records, corrections and approvals travel in the member's yearly channels.
			const own = channel.member(memberId);
			const channels = Array.isArray(doc['channels']) ? (doc['channels'] as unknown[]) : [];
			const yearly = channels.filter(
				(name): name is string => typeof name === 'string' && name.startsWith(`${own}/`)
			);
			return [own, ...yearly];
		}
		case 'attendance': {
			const memberId = text(doc, 'memberId');
			const at = text(doc, 'at');
			return ofBureau && memberId && at ? [inYear(channel.member(memberId), shanghaiYear(at))] : [];
		}
		case 'activities': {
			const host = text(doc, 'hostBranchId');
			const startsAt = text(doc, 'startsAt');
			const hostBureau = host ? bureauOf(host) : undefined;
			return host && startsAt && hostBureau !== undefined && offices.has(hostBureau)
				? [inYear(channel.branch(host), shanghaiYear(startsAt))]
				: [];
		}
	}
}

/** Whether the caller may read a document in detail: their channels plus the office's grant. */
export function mayReadDetail(
	caller: Pick<Caller, 'actor' | 'channels'>,
	collection: DetailCollection,
	doc: Fields,
	bureauOf: (branchId: string) => string | undefined
): boolean {
	const granted = new Set([
		...caller.channels,
		...officeDetailGrant(caller.actor, collection, doc, bureauOf)
	]);
	return canRead(granted, doc['channels']);
}

/** The badge token proves a check-in to the gateway; nobody reading detail needs it. */
function withoutProof(doc: Fields): DetailAttendance {
	const { proof, ...rest } = doc;
	void proof;
	return rest as unknown as DetailAttendance;
}

interface Listed {
	docs: Fields[];
	/** The store had more than was read. */
	more: boolean;
}

/** The documents of one channel, by the channel index the initial sync walks; at most `limit`. */
async function inChannel(
	context: ServerContext,
	collection: DetailCollection,
	name: string,
	limit: number
): Promise<Listed> {
	const page = await context.store.channelIndex.reader(collection)(name, '', limit);
	return { docs: page.docs.map((doc) => plainOf<Fields>(doc)), more: page.more };
}

async function byId(
	context: ServerContext,
	collection: DetailCollection,
	id: string
): Promise<Fields | null> {
	const doc = await context.store
		.db(collection)
		.get<StoredDoc>(id)
		.catch(() => null);
	if (!doc) return null;
	// Service items and their tallies share the activities' collection; they are no activity.
	return collection === 'activities' && !isActivity(doc) ? null : plainOf<Fields>(doc);
}

/** Reads the bureau of each branch once per request, from the directory. */
export function branchBureaus(context: ServerContext) {
	const known = new Map<string, string | undefined>();
	return {
		async load(branchIds: Iterable<string>) {
			const wanted = [...new Set(branchIds)].filter((id) => !known.has(id));
			if (wanted.length === 0) return;
			const result = await context.store
				.db('directory')
				.allDocs({ keys: wanted, include_docs: true });
			result.rows.forEach((row, index) => {
				const doc = 'doc' in row ? (row.doc as Fields | null | undefined) : undefined;
				const parent = doc?.['kind'] === 'branch' ? text(doc, 'parentId') : undefined;
				known.set(wanted[index] ?? '', parent);
			});
		},
		bureauOf: (branchId: string) => known.get(branchId)
	};
}

/** Keeps at most `limit` documents across the lists, in order; says whether any were cut. */
function capped<T extends readonly Fields[][]>(lists: T, limit: number) {
	let left = limit;
	let cut = false;
	const kept = lists.map((list) => {
		const taken = list.slice(0, Math.max(0, left));
		if (taken.length < list.length) cut = true;
		left -= taken.length;
		return taken;
	});
	return { kept, cut };
}

/**
 * One member's records of the open years, as the caller may read them; null when the caller may
 * not read the member (or there is none): the two are never told apart.
 */
export async function memberRecords(
	context: ServerContext,
	caller: Pick<Caller, 'actor' | 'channels'>,
	memberId: string,
	limit = DETAIL_DOC_LIMIT
): Promise<MemberRecords | null> {
	const now = context.now();
	const member = await byId(context, 'members', memberId);
	const noBranch = () => undefined;
	if (!member || !mayReadDetail(caller, 'members', member, noBranch)) return null;
	const years = openYears(now);
	const own = channel.member(memberId);
	const [reports, reviews, ...byYear] = await Promise.all([
		inChannel(context, 'reports', own, limit),
		inChannel(context, 'reviews', own, limit),
		...years.flatMap((year) =>
			(['attendance', 'reports', 'reviews'] as const).map((collection) =>
				inChannel(context, collection, inYear(own, year), limit)
			)
		)
	]);
	const attendanceByYear = byYear.filter((_, index) => index % 3 === 0);
	const recordsByYear = byYear.filter((_, index) => index % 3 === 1);
	const decisionsByYear = byYear.filter((_, index) => index % 3 === 2);
	const readable = (collection: DetailCollection, listed: Listed | undefined) =>
		(listed?.docs ?? []).filter((doc) => mayReadDetail(caller, collection, doc, noBranch));
	// The member's claims of service items share the channel; records of activities cite one.
	const attendance = attendanceByYear
		.flatMap((listed) => readable('attendance', listed))
		.filter((doc) => text(doc, 'activityId') !== undefined);
	// The activities the records cite: without them a check-in has no title, time or service time.
	const cited = [...new Set(attendance.map((doc) => text(doc, 'activityId') ?? ''))];
	const activities = cited.length
		? (
				await context.store.db('activities').allDocs({ keys: cited, include_docs: true })
			).rows.flatMap((row) =>
				'doc' in row && row.doc && !row.value.deleted ? [plainOf<Fields>(row.doc as StoredDoc)] : []
			)
		: [];
	// A document in the member's channel and a yearly one is read twice: kept once.
	const byKind = (collection: DetailCollection, lists: (Listed | undefined)[]) => {
		const docs = new Map(
			lists.flatMap((listed) => readable(collection, listed)).map((doc) => [text(doc, 'id'), doc])
		);
		return [...docs.values()];
	};
	const reportsDocs = byKind('reports', [reports, ...recordsByYear]);
	const reviewsDocs = byKind('reviews', [reviews, ...decisionsByYear]);
	const {
		kept: [
			keptReports,
			keptRecords,
			keptCorrections,
			keptReviews,
			keptApprovals,
			keptAttendance,
			keptActivities
		],
		cut
	} = capped(
		[
			reportsDocs.filter((doc) => isReport(doc)),
			reportsDocs.filter((doc) => isServiceRecord(doc)),
			reportsDocs.filter((doc) => isCorrection(doc)),
			reviewsDocs.filter((doc) => isReview(doc)),
			reviewsDocs.filter((doc) => isApproval(doc)),
			attendance,
			activities
		],
		limit - 1
	);
	const more = [reports, reviews, ...byYear].some((listed) => listed?.more);
	return {
		kind: 'member',
		fetchedAt: now.toISOString(),
		years,
		truncated: cut || more,
		limit,
		member: member as unknown as Member,
		reports: (keptReports ?? []) as unknown as Report[],
		records: (keptRecords ?? []) as unknown as ServiceRecord[],
		corrections: (keptCorrections ?? []) as unknown as Correction[],
		reviews: (keptReviews ?? []) as unknown as Review[],
		approvals: (keptApprovals ?? []) as unknown as Approval[],
		attendance: (keptAttendance ?? []).map(withoutProof),
		activities: (keptActivities ?? []) as unknown as Activity[]
	};
}

/**
 * One activity and its attendance as the caller may read them: the office only its own bureau's
 * members. The activity is readable by whoever may read it, or one of its attendance records.
 */
export async function activityRecords(
	context: ServerContext,
	caller: Pick<Caller, 'actor' | 'channels'>,
	activityId: string,
	limit = DETAIL_DOC_LIMIT
): Promise<ActivityRecords | null> {
	const activity = await byId(context, 'activities', activityId);
	if (!activity) return null;
	// Attendance ids are `<activityId>.<memberId>.<kind>`: one range of the primary index.
	const result = await context.store.db('attendance').allDocs({
		startkey: `${activityId}.`,
		endkey: `${activityId}.\ufff0`,
		include_docs: true,
		limit: limit + 1
	});
	const rows = result.rows.flatMap((row) =>
		row.doc ? [plainOf<Fields>(row.doc as StoredDoc)] : []
	);
	const bureaus = branchBureaus(context);
	const host = text(activity, 'hostBranchId');
	if (host) await bureaus.load([host]);
	const attendance = rows
		.slice(0, limit)
		.filter((doc) => mayReadDetail(caller, 'attendance', doc, bureaus.bureauOf));
	const visible =
		attendance.length > 0 || mayReadDetail(caller, 'activities', activity, bureaus.bureauOf);
	if (!visible) return null;
	const kept = attendance.slice(0, limit - 1);
	return {
		kind: 'activity',
		fetchedAt: context.now().toISOString(),
		years: [shanghaiYear(text(activity, 'startsAt') ?? '')],
		truncated: rows.length > limit || kept.length < attendance.length,
		limit,
		activity: activity as unknown as Activity,
		attendance: kept.map(withoutProof)
	};
}

const NOT_FOUND = () => new HttpError(404, 'not_found', 'No records to show.');

/** Ids are URL-safe by the sync contract; anything else names nothing. */
const ID_PATTERN = /^[A-Za-z0-9._-]{1,120}$/;

function decodedId(segment: string): string | null {
	try {
		const id = decodeURIComponent(segment);
		return ID_PATTERN.test(id) ? id : null;
	} catch {
		return null;
	}
}

/** `GET /api/records/member/<id>` and `GET /api/records/activity/<id>`. */
export async function handleRecordDetail(
	context: ServerContext,
	request: Request
): Promise<Response> {
	try {
		const [, , , kind, id, ...rest] = new URL(request.url).pathname.split('/');
		if ((kind !== 'member' && kind !== 'activity') || !id || rest.length > 0) {
			throw new HttpError(404, 'not_found', 'Use /api/records/member/<id> or /activity/<id>.');
		}
		if (request.method !== 'GET') throw new HttpError(405, 'method_not_allowed', 'Use GET.');
		const caller = await authenticate(context, request);
		if (!caller) throw new HttpError(401, 'unauthorized', 'Not signed in.');
		const decoded = decodedId(id);
		if (!decoded) throw NOT_FOUND();
		const answer =
			kind === 'member'
				? await memberRecords(context, caller, decoded)
				: await activityRecords(context, caller, decoded);
		if (!answer) throw NOT_FOUND();
		return json(answer);
	} catch (error) {
		if (error instanceof HttpError) return errorResponse(error);
		throw error;
	}
}
