import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { withChannels } from '../src/lib/domain/access/write-policy';
import type { RoleGrant } from '../src/lib/domain/access/roles';
import { checkActivityCode, codeWindowAt } from '../src/lib/domain/codes/activity-code';
import { toHex } from '../src/lib/domain/codes/byte-encoding';
import { attendanceRecord, type Attendee } from '../src/lib/domain/events/event-drafts';
import {
	INTEREST_CODES,
	PROFESSION_CODES,
	SKILL_CODES
} from '../src/lib/domain/people/profile-vocabulary';
import {
	activityKeyId,
	reportId,
	reviewId,
	type Activity,
	type AnyDoc,
	type CollectionName,
	type Community,
	type Contact,
	type Credential,
	type Member,
	type Org,
	type Report,
	type ReportKind,
	type Review
} from '../src/lib/domain/registry';
import { toStored } from '../src/lib/server/demo/demo-seed';
import {
	MINORITY_FATHER,
	MINORITY_GIVEN,
	MOBILE_PREFIXES,
	RESIDENCE_NOTES,
	RESUBMIT_NOTES,
	RETURN_REASONS,
	SURNAMES,
	GIVEN_NAMES,
	UNIT_NOTES
} from '../src/lib/server/demo/demo-vocabulary';
import { seededRandom, type Random } from '../src/lib/server/demo/seeded-random';
import type { Database, Store } from '../src/lib/server/store';
import type { BenchAccount } from './fixtures';

/**
 * A bureau of `members` party members after one year of ordinary use, for the scale bench
 * (issue 10). Per member: a profile and a contact, a residence and a unit report with their
 * reviews, about 12 party-day check-ins (a monthly party day of their branch) and 6 service
 * sessions (check-in and check-out) in community activities of 10–25 people. Branches have 25
 * members, three to four branches are linked to each community, and members live in a community
 * of their branch's street or elsewhere in the city. Deterministic: the same size and `now` give
 * the same documents; every document's channels come from the registry (`withChannels`).
 */

const SCALE_ORG = 'org-scale';
const BRANCH_SIZE = 25;
/** Members living in each community on average; it sets the number of communities. */
const RESIDENTS_PER_COMMUNITY = 80;
const COMMUNITIES_PER_STREET = 10;
const PARTY_DAYS = 12;
const PARTY_DAY_ATTENDANCE = 0.95;
const SERVICE_SESSIONS = 6;
const SERVICE_GROUP = 17;
/** Share of members living on the street of their branch's community; the rest anywhere in the city. */
const SAME_STREET = 0.6;
const SEED = 0x5ca1_e010;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface ScaleMember {
	id: string;
	/** Each member's username is their member id (accounts exist only for those who sign in). */
	username: string;
	name: string;
	branch: number;
	residence: number;
}

interface ScaleActivity {
	id: string;
	kind: 'party-day' | 'service';
	community: number;
	/** The host branch of a party day. */
	branch?: number;
	startsAt: number;
	endsAt: number;
	/** Indexes into `members`. */
	attendees: number[];
	/** The activity's Ed25519 key pair, hex (the secret key is its 32-byte seed). */
	secretKey: string;
	publicKey: string;
}

export interface ScaleWorld {
	members: ScaleMember[];
	branches: number;
	communities: number;
	streets: number;
	/** Linked community of each branch. */
	linked: number[];
	activities: ScaleActivity[];
	now: Date;
}

/** The accounts the bench signs in with, one per device kind. */
export interface ScaleAccounts {
	member: BenchAccount;
	secretary: BenchAccount;
	staff: BenchAccount;
	office: BenchAccount;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const memberIdOf = (index: number) => `m${pad(index + 1, 6)}`;
const branchIdOf = (index: number) => `br${pad(index + 1, 5)}`;
const communityIdOf = (index: number) => `cm${pad(index + 1, 5)}`;
const streetIdOf = (index: number) => `st${pad(index + 1, 4)}`;
const staffUsernameOf = (community: number) => `staff-${communityIdOf(community)}`;
const CITY_ID = 'city-scale';
const OFFICE_USERNAME = 'office-scale';

/** The first member of each branch is its secretary. */
const secretaryOf = (branch: number) => branch * BRANCH_SIZE;

/** Whole hours in Asia/Shanghai on the day `ms` falls on. */
function shanghaiHourOn(ms: number, hour: number): number {
	const day = new Date(ms + 8 * HOUR);
	day.setUTCHours(hour - 8, 0, 0, 0);
	return day.getTime();
}

/** Who lives where, who belongs to which branch, and which activities took place with whom. */
export function planScaleBureau(members: number, now: Date): ScaleWorld {
	const rng = seededRandom(SEED);
	const nowMs = now.getTime();
	const branches = Math.ceil(members / BRANCH_SIZE);
	const communities = Math.max(1, Math.ceil(members / RESIDENTS_PER_COMMUNITY));
	const streets = Math.ceil(communities / COMMUNITIES_PER_STREET);
	const streetOf = (community: number) => Math.floor(community / COMMUNITIES_PER_STREET);
	const streetSize = (street: number) =>
		Math.min(COMMUNITIES_PER_STREET, communities - street * COMMUNITIES_PER_STREET);
	// Neighbouring branches share a community: three to four branches per community.
	const linked = Array.from({ length: branches }, (_, b) =>
		Math.floor((b * communities) / branches)
	);

	const people: ScaleMember[] = [];
	for (let i = 0; i < members; i++) {
		const branch = Math.floor(i / BRANCH_SIZE);
		const street = streetOf(linked[branch] ?? 0);
		const residence =
			rng.next() < SAME_STREET
				? street * COMMUNITIES_PER_STREET + rng.int(0, streetSize(street) - 1)
				: rng.int(0, communities - 1);
		const name =
			rng.next() < 0.15
				? `${rng.pick(MINORITY_GIVEN)}·${rng.pick(MINORITY_FATHER)}`
				: `${rng.pick(SURNAMES)}${rng.pick(GIVEN_NAMES)}`;
		people.push({ id: memberIdOf(i), username: memberIdOf(i), name, branch, residence });
	}

	const activities: ScaleActivity[] = [];
	const keys = () => {
		const secretKey = toHex(Uint8Array.from({ length: 32 }, () => rng.int(0, 255)));
		return { secretKey, publicKey: publicKeyOf(signingKey(secretKey)) };
	};

	// A monthly party day of every branch in its linked community, most of the branch there.
	for (let b = 0; b < branches; b++) {
		const branchMembers = people.slice(b * BRANCH_SIZE, (b + 1) * BRANCH_SIZE);
		for (let month = 0; month < PARTY_DAYS; month++) {
			const day = nowMs - (month * 30 + rng.int(2, 8)) * DAY;
			const startsAt = shanghaiHourOn(day, rng.pick([9, 10, 15]));
			activities.push({
				id: `act-${branchIdOf(b)}-pd${pad(month + 1, 2)}`,
				kind: 'party-day',
				community: linked[b] ?? 0,
				branch: b,
				startsAt,
				endsAt: startsAt + 3 * HOUR,
				attendees: branchMembers
					.map((_, k) => b * BRANCH_SIZE + k)
					.filter(() => rng.next() < PARTY_DAY_ATTENDANCE),
				...keys()
			});
		}
	}

	// Service sessions: half in the residence community, half in the branch's community, in
	// groups of about 17 that the community's staff runs.
	const wanted = Array.from({ length: communities }, () => [] as number[]);
	people.forEach((m, i) => {
		const unit = linked[m.branch] ?? 0;
		const half = SERVICE_SESSIONS / 2;
		for (let k = 0; k < SERVICE_SESSIONS; k++) {
			wanted[k < half || unit === m.residence ? m.residence : unit]?.push(i);
		}
	});
	wanted.forEach((slots, c) => {
		const count = Math.max(1, Math.round(slots.length / SERVICE_GROUP));
		const groups = Array.from({ length: count }, () => new Set<number>());
		const indexes = Array.from({ length: count }, (_, g) => g);
		// Each member's sessions of one community go to different activities.
		const byMember = new Map<number, number>();
		for (const i of slots) byMember.set(i, (byMember.get(i) ?? 0) + 1);
		for (const [i, sessions] of byMember) {
			for (const g of rng.sample(indexes, sessions)) groups[g]?.add(i);
		}
		groups.forEach((group, g) => {
			const day = nowMs - rng.int(1, 360) * DAY;
			const startsAt = shanghaiHourOn(day, rng.int(9, 16));
			activities.push({
				id: `act-${communityIdOf(c)}-sv${pad(g + 1, 3)}`,
				kind: 'service',
				community: c,
				startsAt,
				endsAt: startsAt + rng.int(2, 3) * HOUR,
				attendees: [...group],
				...keys()
			});
		});
	});
	return { members: people, branches, communities, streets, linked, activities, now };
}

/** The handful of accounts the bench signs in with: branch 1's people and community, the office. */
export function scaleAccounts(world: ScaleWorld): ScaleAccounts {
	const account = (m: ScaleMember, roles: RoleGrant[]): BenchAccount => ({
		username: m.username,
		memberId: m.id,
		branchId: branchIdOf(m.branch),
		orgId: SCALE_ORG,
		roles
	});
	const secretary = world.members[secretaryOf(0)];
	const member = world.members[1];
	if (!secretary || !member) throw new Error('The scale bureau needs at least two members.');
	const linked = world.linked[0] ?? 0;
	return {
		member: account(member, [{ role: 'member' }]),
		secretary: account(secretary, [
			{ role: 'member' },
			{ role: 'secretary', branchId: branchIdOf(0) }
		]),
		staff: {
			username: staffUsernameOf(linked),
			roles: [{ role: 'community_staff', communityId: communityIdOf(linked) }]
		},
		office: {
			username: OFFICE_USERNAME,
			orgId: SCALE_ORG,
			roles: [{ role: 'office', orgId: SCALE_ORG }]
		}
	};
}

/** DER of a PKCS #8 Ed25519 private key, up to the 32-byte seed. */
const PKCS8_ED25519 = '302e020100300506032b657004220420';

/**
 * An activity's signing key with Node's Ed25519: the same deterministic signatures as the
 * app's pure-JS signer, a hundred times faster, so a year of codes signs in seconds.
 */
function signingKey(secretKey: string): KeyObject {
	return createPrivateKey({
		key: Buffer.from(PKCS8_ED25519 + secretKey, 'hex'),
		format: 'der',
		type: 'pkcs8'
	});
}

function publicKeyOf(key: KeyObject): string {
	const jwk = createPublicKey(key).export({ format: 'jwk' });
	return Buffer.from(String(jwk.x), 'base64url').toString('hex');
}

/** The activity code shown in `window`, as `activityCodeFor` makes it. */
function codeFor(activityId: string, window: number, key: KeyObject): string {
	const text = `A1~${activityId}~${window}`;
	return `${text}~${sign(null, new TextEncoder().encode(text), key).toString('base64url')}`;
}

const iso = (ms: number) => new Date(ms).toISOString();

function organiserOf(world: ScaleWorld, a: ScaleActivity): string {
	return a.branch === undefined
		? staffUsernameOf(a.community)
		: (world.members[secretaryOf(a.branch)]?.username ?? '');
}

function activityDoc(world: ScaleWorld, a: ScaleActivity): Activity {
	const organiser = organiserOf(world, a);
	const partyDay = a.kind === 'party-day';
	return withChannels('activities', {
		id: a.id,
		type: partyDay ? 'party-day' : a.startsAt % 2 === 0 ? 'volunteer' : 'community',
		title: partyDay ? '“党旗映天山”主题党日' : '社区志愿服务',
		communityId: communityIdOf(a.community),
		...(a.branch === undefined ? {} : { hostBranchId: branchIdOf(a.branch) }),
		place: partyDay ? '社区党群服务中心' : '社区服务站',
		startsAt: iso(a.startsAt),
		endsAt: iso(a.endsAt),
		expected: partyDay ? 'branch' : 'signup',
		organisers: [organiser],
		publicKey: a.publicKey,
		createdBy: organiser,
		updatedAt: iso(a.startsAt - 7 * DAY),
		channels: []
	} satisfies Activity);
}

function credentialDoc(world: ScaleWorld, a: ScaleActivity): Credential {
	const organiser = organiserOf(world, a);
	return withChannels('credentials', {
		id: activityKeyId(a.id),
		kind: 'activity-key',
		activityId: a.id,
		communityId: communityIdOf(a.community),
		...(a.branch === undefined ? {} : { hostBranchId: branchIdOf(a.branch) }),
		organisers: [organiser],
		secretKey: a.secretKey,
		publicKey: a.publicKey,
		createdBy: organiser,
		updatedAt: iso(a.startsAt - 7 * DAY),
		channels: []
	} satisfies Credential);
}

/** Check-ins (and for service, check-outs) of one activity, mostly by scanning its code. */
function* attendanceDocs(world: ScaleWorld, a: ScaleActivity, rng: Random): Generator<AnyDoc> {
	const key = signingKey(a.secretKey);
	const codes = new Map<number, string>();
	const code = (at: number) => {
		const window = codeWindowAt(at);
		let text = codes.get(window);
		if (!text) codes.set(window, (text = codeFor(a.id, window, key)));
		return text;
	};
	const activity = {
		id: a.id,
		communityId: communityIdOf(a.community),
		...(a.branch === undefined ? {} : { hostBranchId: branchIdOf(a.branch) })
	};
	const organiser = organiserOf(world, a);
	for (const i of a.attendees) {
		const m = world.members[i];
		if (!m) continue;
		const attendee: Attendee = {
			memberId: m.id,
			branchId: branchIdOf(m.branch),
			orgId: SCALE_ORG,
			name: m.name
		};
		const kinds = a.kind === 'service' ? (['in', 'out'] as const) : (['in'] as const);
		for (const kind of kinds) {
			// Arrivals within the first minute or so, departures around the end.
			const at = (kind === 'in' ? a.startsAt : a.endsAt) + rng.int(-60, 60) * 1000;
			const byHand = rng.next() < 0.1;
			yield attendanceRecord({
				activity,
				attendee,
				kind,
				at: new Date(at),
				...(byHand
					? { recordedBy: organiser, method: 'manual', reason: '手机没电，现场登记' }
					: { recordedBy: m.username, method: 'code', proof: code(at) })
			}) as unknown as AnyDoc;
		}
	}
}

type Plan = 'waiting' | 'confirmed' | 'returned' | 'resubmitted-waiting' | 'resubmitted-confirmed';
const PLANS: readonly [Plan, number][] = [
	['waiting', 5],
	['confirmed', 82],
	['returned', 3],
	['resubmitted-waiting', 2],
	['resubmitted-confirmed', 8]
];

function choosePlan(rng: Random): Plan {
	let roll = rng.next() * 100;
	for (const [plan, weight] of PLANS) {
		roll -= weight;
		if (roll < 0) return plan;
	}
	return 'confirmed';
}

/** A member's report of `kind` to `community` and its reviews, in a state drawn from PLANS. */
function reportAndReviews(
	m: ScaleMember,
	kind: ReportKind,
	community: number,
	nowMs: number,
	rng: Random
): { report: AnyDoc; reviews: AnyDoc[] } {
	const id = reportId(m.id, kind, communityIdOf(community));
	const copied = {
		memberId: m.id,
		branchId: branchIdOf(m.branch),
		orgId: SCALE_ORG,
		communityId: communityIdOf(community)
	};
	const plan = choosePlan(rng);
	const reviews: AnyDoc[] = [];
	const review = (submission: number, decision: Review['decision'], at: number) =>
		reviews.push(
			withChannels('reviews', {
				id: reviewId(id, submission),
				subjectCollection: 'reports',
				subjectId: id,
				subjectSubmission: submission,
				...copied,
				reviewer: staffUsernameOf(community),
				decision,
				...(decision === 'returned' ? { reason: rng.pick(RETURN_REASONS) } : {}),
				decidedAt: iso(at),
				channels: []
			} satisfies Review)
		);
	// Reports went in at the start of the year; waiting ones are recent.
	let submittedAt =
		plan === 'waiting' ? nowMs - rng.int(1, 10) * DAY : nowMs - rng.int(200, 350) * DAY;
	let submission = 1;
	let note: string = rng.pick(kind === 'residence' ? RESIDENCE_NOTES : UNIT_NOTES);
	if (plan === 'confirmed') review(1, 'confirmed', submittedAt + rng.int(4, 72) * HOUR);
	if (plan === 'returned') review(1, 'returned', submittedAt + rng.int(4, 72) * HOUR);
	if (plan === 'resubmitted-waiting' || plan === 'resubmitted-confirmed') {
		const returnedAt = submittedAt + rng.int(4, 72) * HOUR;
		review(1, 'returned', returnedAt);
		submission = 2;
		submittedAt = returnedAt + rng.int(2, 96) * HOUR;
		note = rng.pick(RESUBMIT_NOTES);
		if (plan === 'resubmitted-confirmed') {
			review(2, 'confirmed', submittedAt + rng.int(2, 72) * HOUR);
		}
	}
	const report = withChannels('reports', {
		id,
		...copied,
		kind,
		submission,
		submittedAt: iso(submittedAt),
		memberName: m.name,
		note,
		updatedAt: iso(submittedAt),
		channels: []
	} satisfies Report) as unknown as AnyDoc;
	return { report, reviews };
}

/**
 * Every document of one collection, in a stable order. Each collection draws from its own seed,
 * except reviews, which draw with their reports so that each matches its report.
 */
export function* scaleDocs(world: ScaleWorld, collection: CollectionName): Generator<AnyDoc> {
	const stream = collection === 'reviews' ? 'reports' : collection;
	const rng = seededRandom(
		SEED + [...stream].reduce((sum, char) => (sum * 31 + char.charCodeAt(0)) >>> 0, 0)
	);
	const nowMs = world.now.getTime();
	const yearAgo = iso(nowMs - 365 * DAY);
	const asDoc = <T extends { channels: string[] }>(name: CollectionName, doc: T) =>
		withChannels(name, doc as unknown as AnyDoc);
	switch (collection) {
		case 'directory': {
			yield asDoc<Org>('directory', {
				id: SCALE_ORG,
				kind: 'bureau',
				name: '州直机关工委',
				updatedAt: yearAgo,
				channels: []
			});
			for (let b = 0; b < world.branches; b++) {
				yield asDoc<Org>('directory', {
					id: branchIdOf(b),
					kind: 'branch',
					name: `第${b + 1}党支部`,
					parentId: SCALE_ORG,
					linkedCommunityId: communityIdOf(world.linked[b] ?? 0),
					secretaryMemberId: memberIdOf(secretaryOf(b)),
					updatedAt: yearAgo,
					channels: []
				});
			}
			yield asDoc<Community>('directory', {
				id: CITY_ID,
				kind: 'county',
				name: '昌吉市',
				updatedAt: yearAgo,
				channels: []
			});
			for (let s = 0; s < world.streets; s++) {
				yield asDoc<Community>('directory', {
					id: streetIdOf(s),
					kind: 'street',
					name: `第${s + 1}街道`,
					parentId: CITY_ID,
					updatedAt: yearAgo,
					channels: []
				});
			}
			for (let c = 0; c < world.communities; c++) {
				yield asDoc<Community>('directory', {
					id: communityIdOf(c),
					kind: 'community',
					name: `第${c + 1}社区`,
					parentId: streetIdOf(Math.floor(c / COMMUNITIES_PER_STREET)),
					updatedAt: yearAgo,
					channels: []
				});
			}
			return;
		}
		case 'members':
			for (const [i, m] of world.members.entries()) {
				const secretary = secretaryOf(m.branch) === i;
				yield asDoc<Member>('members', {
					id: m.id,
					orgId: SCALE_ORG,
					branchId: branchIdOf(m.branch),
					name: m.name,
					residenceCommunityId: communityIdOf(m.residence),
					skills: rng.sample(SKILL_CODES, rng.int(1, 3)),
					professions: rng.sample(PROFESSION_CODES, rng.int(0, 1)),
					interests: rng.sample(INTEREST_CODES, rng.int(1, 2)),
					duties: secretary ? ['secretary'] : [],
					updatedAt: iso(nowMs - rng.int(30, 360) * DAY),
					channels: []
				});
			}
			return;
		case 'contacts':
			for (const m of world.members) {
				yield asDoc<Contact>('contacts', {
					id: m.id,
					memberId: m.id,
					branchId: branchIdOf(m.branch),
					residenceCommunityId: communityIdOf(m.residence),
					phone: `${rng.pick(MOBILE_PREFIXES)}${pad(rng.int(0, 99_999_999), 8)}`,
					updatedAt: iso(nowMs - rng.int(30, 360) * DAY),
					channels: []
				});
			}
			return;
		case 'reports':
		case 'reviews':
			// The same draws for both; each yields its own half.
			for (const m of world.members) {
				const unit = world.linked[m.branch] ?? 0;
				const made = [reportAndReviews(m, 'residence', m.residence, nowMs, rng)];
				if (unit !== m.residence) made.push(reportAndReviews(m, 'unit', unit, nowMs, rng));
				for (const { report, reviews } of made) {
					if (collection === 'reports') yield report;
					else yield* reviews;
				}
			}
			return;
		case 'activities':
			for (const a of world.activities) {
				yield activityDoc(world, a) as unknown as AnyDoc;
			}
			return;
		case 'credentials':
			for (const a of world.activities) {
				yield credentialDoc(world, a) as unknown as AnyDoc;
			}
			return;
		case 'attendance':
			for (const a of world.activities) yield* attendanceDocs(world, a, rng);
			return;
		default:
			return;
	}
}

/** The codes made with Node's signer must verify with the app's: checked on the first activity. */
function checkSigner(world: ScaleWorld): void {
	const a = world.activities[0];
	if (!a) return;
	const at = new Date(a.startsAt);
	const problem = checkActivityCode(
		codeFor(a.id, codeWindowAt(at), signingKey(a.secretKey)),
		{ id: a.id, publicKey: a.publicKey },
		at
	);
	if (problem) throw new Error(`The scale seed's activity codes do not verify: ${problem}.`);
}

interface SeedTimes {
	/** Documents written, by collection. */
	docs: Partial<Record<CollectionName, number>>;
	ms: number;
}

async function writeAll(db: Database, docs: Iterable<AnyDoc>, batch: number): Promise<number> {
	let written = 0;
	let chunk: ReturnType<typeof toStored>[] = [];
	const flush = async () => {
		const result = await db.bulkDocs(chunk as (Record<string, unknown> & { _id: string })[]);
		const failed = result.filter((row) => 'error' in row && row.error);
		if (failed.length) throw new Error(`Seeding refused ${failed.length} documents.`);
		written += chunk.length;
		chunk = [];
	};
	for (const doc of docs) {
		chunk.push(toStored(doc));
		if (chunk.length >= batch) await flush();
	}
	if (chunk.length) await flush();
	return written;
}

/** Writes the bureau into `store`, all collections at once, in batches of `batch` documents. */
export async function seedScaleStore(
	store: Store,
	world: ScaleWorld,
	collections: readonly CollectionName[],
	batch = 5_000
): Promise<SeedTimes> {
	checkSigner(world);
	const start = performance.now();
	const docs: SeedTimes['docs'] = {};
	await Promise.all(
		collections.map(async (name) => {
			docs[name] = await writeAll(store.db(name), scaleDocs(world, name), batch);
		})
	);
	return { docs, ms: performance.now() - start };
}
