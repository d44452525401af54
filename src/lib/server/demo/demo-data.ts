import {
	reportId,
	reviewId,
	type AnyDoc,
	type CollectionName,
	type Community,
	type Contact,
	type Member,
	type Org,
	type Report,
	type ReportKind,
	type Review
} from '../../domain/registry';
import type { RoleGrant } from '../../domain/access/roles';
import { withChannels } from '../../domain/access/write-policy';
import {
	COUNTY,
	STREETS,
	COMMUNITY_NAMES,
	BRANCHES,
	SECOND_BUREAU,
	SECOND_BRANCHES,
	BACKGROUNDS,
	SURNAMES,
	GIVEN_NAMES,
	MINORITY_GIVEN,
	MINORITY_FATHER,
	MOBILE_PREFIXES,
	RETURN_REASONS,
	RESIDENCE_NOTES,
	UNIT_NOTES,
	RESUBMIT_NOTES
} from './demo-vocabulary';
import {
	INTEREST_CODES,
	PROFESSION_CODES,
	SKILL_CODES
} from '../../domain/people/profile-vocabulary';
import { demoEvents } from './demo-events';
import { demoLedger, type DemoFile, type DemoPair } from './demo-ledger';
import { demoBranchReports, demoLinkHistory } from './demo-pairing';
import { demoRecords } from './demo-records';
import { demoServices } from './demo-services';
import { seededRandom, type Random } from './seeded-random';

/**
 * Demo data for a fresh installation: one bureau of a Xinjiang prefecture (昌吉州), its six party
 * branches, a small community tree of 昌吉市 and about 120 members with reports in every state;
 * and a second, small bureau (two branches, 20 members) living in the same communities, so that
 * what one bureau sees of the other shows. Pure and deterministic: the content comes from fixed
 * seeds, only the timestamps follow `now`.
 */

export const DEMO_PASSWORD = 'baodao-demo';

export interface DemoAccount {
	username: string;
	displayName: string;
	memberId?: string;
	branchId?: string;
	orgId?: string;
	roles: RoleGrant[];
}

export interface DemoData {
	accounts: DemoAccount[];
	docs: { [K in CollectionName]: AnyDoc[] };
	/** Files the documents cite (the ledger's signed scans), for the server's `files`. */
	files: DemoFile[];
}

const ORG_ID = 'org-zjj';
const SEED = 0x5eed_2023;
/** The second bureau draws from its own seed, so the first bureau's content stays as it was. */
const SECOND_SEED = 0x5eed_2024;
/** The service records of issue 17 draw from their own seed too. */
const RECORDS_SEED = 0x5eed_2017;
/** And the co-building ledger of issue 18. */
const LEDGER_SEED = 0x5eed_2018;
/** Members of the second bureau: m201–m210 in br7, m211–m220 in br8; the first of each leads it. */
const SECOND_MEMBERS = { first: 201, last: 220, perBranch: 10 } as const;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function pad3(n: number): string {
	return String(n).padStart(3, '0');
}

function memberIdOf(index: number): string {
	return `m${pad3(index)}`;
}

function communityIdOf(index: number): string {
	return `cm${index}`;
}

/** The staff account of a community `cmN` is `communityN`. */
function staffUsernameOf(communityId: string): string {
	return `community${communityId.replace(/^cm/, '')}`;
}

/** Members m001–m020 in br1, then 20 per branch for br2–br6; m121 (br1's secretary) in br1. */
function branchIndexOf(memberIndex: number): number {
	if (memberIndex > 120) return 0;
	return Math.floor((memberIndex - 1) / 20);
}

/** Secretaries: m121 for br1; for the other branches, the first member of the branch. */
const SECRETARY_OF_BRANCH = ['m121', 'm021', 'm041', 'm061', 'm081', 'm101'] as const;

/** A syntactically valid resident ID number of 昌吉市 (652301), with its ISO 7064 check digit. */
function residentIdNumber(birth: Date, sequence: number): string {
	const yyyy = String(birth.getUTCFullYear());
	const mm = String(birth.getUTCMonth() + 1).padStart(2, '0');
	const dd = String(birth.getUTCDate()).padStart(2, '0');
	const body = `652301${yyyy}${mm}${dd}${pad3(sequence)}`;
	const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
	const sum = weights.reduce((acc, weight, i) => acc + weight * Number(body[i]), 0);
	return body + '10X98765432'.charAt(sum % 11);
}

function asDoc<T extends { channels: string[] }>(
	collection: CollectionName,
	fields: Omit<T, 'channels'>
): AnyDoc {
	return withChannels(collection, { ...fields, channels: [] } as unknown as AnyDoc);
}

type Plan =
	'none' | 'waiting' | 'confirmed' | 'returned' | 'resubmitted-waiting' | 'resubmitted-confirmed';

/** How often each state occurs among residence reports (weights). */
const RESIDENCE_PLANS: readonly [Plan, number][] = [
	['none', 30],
	['waiting', 18],
	['confirmed', 30],
	['returned', 8],
	['resubmitted-waiting', 6],
	['resubmitted-confirmed', 8]
];

/** Unit reports are rarer: most members report through their residence community. */
const UNIT_PLANS: readonly [Plan, number][] = [
	['none', 70],
	['waiting', 8],
	['confirmed', 16],
	['returned', 3],
	['resubmitted-waiting', 1],
	['resubmitted-confirmed', 2]
];

function choosePlan(rng: Random, plans: readonly [Plan, number][]): Plan {
	const total = plans.reduce((acc, [, weight]) => acc + weight, 0);
	let roll = rng.next() * total;
	for (const [plan, weight] of plans) {
		roll -= weight;
		if (roll < 0) return plan;
	}
	return 'none';
}

export function buildDemoData(now: Date): DemoData {
	const rng = seededRandom(SEED);
	const secondRng = seededRandom(SECOND_SEED);
	const nowMs = now.getTime();
	/** A moment `daysAgo` days (plus a few minutes) before `now`. */
	const before = (daysAgo: number, jitterMinutes = 0) =>
		new Date(nowMs - daysAgo * DAY - jitterMinutes * MINUTE).toISOString();
	const referenceUpdatedAt = before(90);

	// Community tree ---------------------------------------------------------------------------
	const communityDocs: AnyDoc[] = [
		asDoc<Community>('directory', {
			id: COUNTY.id,
			kind: 'county',
			name: COUNTY.name,
			updatedAt: referenceUpdatedAt
		})
	];
	for (const street of STREETS) {
		communityDocs.push(
			asDoc<Community>('directory', {
				id: street.id,
				kind: 'street',
				name: street.name,
				parentId: COUNTY.id,
				updatedAt: referenceUpdatedAt
			})
		);
	}
	const communityName = new Map<string, string>();
	COMMUNITY_NAMES.forEach((name, i) => {
		const id = communityIdOf(i + 1);
		communityName.set(id, name);
		const street = STREETS[i < 4 ? 0 : 1];
		communityDocs.push(
			asDoc<Community>('directory', {
				id,
				kind: 'community',
				name,
				parentId: street.id,
				updatedAt: referenceUpdatedAt
			})
		);
	});
	const communityIds = [...communityName.keys()];

	// Organisations ------------------------------------------------------------------------------
	const orgDocs: AnyDoc[] = [
		asDoc<Org>('directory', {
			id: ORG_ID,
			kind: 'bureau',
			name: '州住建局',
			updatedAt: referenceUpdatedAt
		})
	];
	orgDocs.push(
		asDoc<Org>('directory', {
			id: SECOND_BUREAU.id,
			kind: 'bureau',
			name: SECOND_BUREAU.name,
			updatedAt: referenceUpdatedAt
		})
	);
	const allBranches = [...BRANCHES, ...SECOND_BRANCHES];
	const linkedOf = (branchId: string) =>
		allBranches.find((b) => b.id === branchId)?.linkedCommunityId;
	BRANCHES.forEach((branch, i) => {
		orgDocs.push(
			asDoc<Org>('directory', {
				id: branch.id,
				kind: 'branch',
				name: branch.name,
				parentId: ORG_ID,
				linkedCommunityId: branch.linkedCommunityId,
				linkHistory: demoLinkHistory(branch.linkedCommunityId, 'office1', referenceUpdatedAt),
				secretaryMemberId: SECRETARY_OF_BRANCH[i] ?? 'm121',
				updatedAt: referenceUpdatedAt
			})
		);
	});

	SECOND_BRANCHES.forEach((branch, i) => {
		orgDocs.push(
			asDoc<Org>('directory', {
				id: branch.id,
				kind: 'branch',
				name: branch.name,
				parentId: SECOND_BUREAU.id,
				linkedCommunityId: branch.linkedCommunityId,
				linkHistory: demoLinkHistory(branch.linkedCommunityId, 'office2', referenceUpdatedAt),
				secretaryMemberId: memberIdOf(SECOND_MEMBERS.first + i * SECOND_MEMBERS.perBranch),
				updatedAt: referenceUpdatedAt
			})
		);
	});

	// Members and their contacts ------------------------------------------------------------------
	const usedNames = new Set<string>();
	const personName = (rng: Random): string => {
		for (;;) {
			const name =
				rng.next() < 0.15
					? `${rng.pick(MINORITY_GIVEN)}·${rng.pick(MINORITY_FATHER)}`
					: `${rng.pick(SURNAMES)}${rng.pick(GIVEN_NAMES)}`;
			if (!usedNames.has(name)) {
				usedNames.add(name);
				return name;
			}
		}
	};
	const usedPhones = new Set<string>();
	const phoneNumber = (rng: Random): string => {
		for (;;) {
			const phone = `${rng.pick(MOBILE_PREFIXES)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
			if (!usedPhones.has(phone)) {
				usedPhones.add(phone);
				return phone;
			}
		}
	};

	const members: Member[] = [];
	const memberDocs: AnyDoc[] = [];
	const contactDocs: AnyDoc[] = [];
	const addMember = (
		rng: Random,
		id: string,
		orgId: string,
		branchId: string,
		isSecretary: boolean,
		residence?: string
	) => {
		const updatedAt = before(rng.int(30, 80), rng.int(0, 600));
		const member: Omit<Member, 'channels'> = {
			id,
			orgId,
			branchId,
			name: personName(rng),
			residenceCommunityId: residence ?? rng.pick(communityIds),
			skills: rng.sample(SKILL_CODES, rng.int(1, 3)),
			professions: rng.sample(PROFESSION_CODES, rng.int(0, 1)),
			...(rng.next() < 0.2 ? { background: rng.pick(BACKGROUNDS) } : {}),
			interests: rng.sample(INTEREST_CODES, rng.int(1, 2)),
			duties: isSecretary ? ['secretary'] : [],
			updatedAt
		};
		members.push({ ...member, channels: [] });
		memberDocs.push(asDoc<Member>('members', member));

		const idNumber =
			rng.next() < 0.1
				? residentIdNumber(
						new Date(Date.UTC(rng.int(1968, 1998), rng.int(0, 11), rng.int(1, 28))),
						rng.int(1, 999)
					)
				: undefined;
		contactDocs.push(
			asDoc<Contact>('contacts', {
				id,
				memberId: id,
				branchId: member.branchId,
				...(member.residenceCommunityId
					? { residenceCommunityId: member.residenceCommunityId }
					: {}),
				phone: phoneNumber(rng),
				...(idNumber ? { idNumber } : {}),
				updatedAt
			})
		);
	};
	for (let index = 1; index <= 121; index++) {
		const id = memberIdOf(index);
		const branch = BRANCHES[branchIndexOf(index)] ?? BRANCHES[0];
		const isSecretary = (SECRETARY_OF_BRANCH as readonly string[]).includes(id);
		// member1 lives in the community branch 1 is linked to, so community1 handles both reports.
		addMember(rng, id, ORG_ID, branch.id, isSecretary, id === 'm001' ? 'cm1' : undefined);
	}
	for (let index = SECOND_MEMBERS.first; index <= SECOND_MEMBERS.last; index++) {
		const offset = index - SECOND_MEMBERS.first;
		const branch = SECOND_BRANCHES[Math.floor(offset / SECOND_MEMBERS.perBranch)];
		if (!branch) continue;
		addMember(
			secondRng,
			memberIdOf(index),
			SECOND_BUREAU.id,
			branch.id,
			offset % SECOND_MEMBERS.perBranch === 0
		);
	}

	// Reports and reviews -------------------------------------------------------------------------
	const reportDocs: AnyDoc[] = [];
	const reviewDocs: AnyDoc[] = [];

	const addReport = (
		rng: Random,
		member: Member,
		kind: ReportKind,
		communityId: string,
		plan: Plan
	) => {
		if (plan === 'none') return;
		const id = reportId(member.id, kind, communityId);
		const notes = kind === 'residence' ? RESIDENCE_NOTES : UNIT_NOTES;
		const copied = {
			memberId: member.id,
			branchId: member.branchId,
			orgId: member.orgId,
			communityId
		};
		const review = (
			submission: number,
			decision: Review['decision'],
			at: number,
			reason?: string
		) => {
			reviewDocs.push(
				asDoc<Review>('reviews', {
					id: reviewId(id, submission),
					subjectCollection: 'reports',
					subjectId: id,
					subjectSubmission: submission,
					...copied,
					reviewer: staffUsernameOf(communityId),
					decision,
					...(reason ? { reason } : {}),
					decidedAt: new Date(at).toISOString()
				})
			);
		};

		// Waiting reports are recent; decided ones go back a few weeks.
		const firstAt =
			plan === 'waiting'
				? nowMs - rng.int(1, 10) * DAY - rng.int(0, 600) * MINUTE
				: nowMs - rng.int(14, 42) * DAY - rng.int(0, 600) * MINUTE;
		let submission = 1;
		let submittedAt = firstAt;
		let note: string = rng.pick(notes);

		if (plan === 'confirmed') {
			review(1, 'confirmed', firstAt + rng.int(4, 72) * HOUR);
		} else if (plan === 'returned') {
			review(1, 'returned', firstAt + rng.int(4, 72) * HOUR, rng.pick(RETURN_REASONS));
		} else if (plan === 'resubmitted-waiting' || plan === 'resubmitted-confirmed') {
			const returnedAt = firstAt + rng.int(4, 72) * HOUR;
			review(1, 'returned', returnedAt, rng.pick(RETURN_REASONS));
			submission = 2;
			submittedAt = returnedAt + rng.int(2, 96) * HOUR;
			note = rng.pick(RESUBMIT_NOTES);
			if (plan === 'resubmitted-confirmed') {
				review(2, 'confirmed', submittedAt + rng.int(2, 72) * HOUR);
			}
		}

		const at = new Date(submittedAt).toISOString();
		reportDocs.push(
			asDoc<Report>('reports', {
				id,
				...copied,
				kind,
				submission,
				submittedAt: at,
				memberName: member.name,
				note,
				updatedAt: at
			})
		);
	};

	for (const member of members) {
		// member1 (m001) has not reported yet: the demo starts from their first report.
		if (member.id === 'm001') continue;
		const draw = member.orgId === ORG_ID ? rng : secondRng;
		const residencePlan = choosePlan(draw, RESIDENCE_PLANS);
		if (member.residenceCommunityId) {
			addReport(draw, member, 'residence', member.residenceCommunityId, residencePlan);
		}
		const linked = linkedOf(member.branchId);
		const unitPlan = choosePlan(draw, UNIT_PLANS);
		if (linked && linked !== member.residenceCommunityId) {
			addReport(draw, member, 'unit', linked, unitPlan);
		}
	}

	// Accounts -------------------------------------------------------------------------------------
	const accounts: DemoAccount[] = [];
	for (const member of members) {
		// m121 signs in as secretary1.
		if (member.id === 'm121') continue;
		const roles: RoleGrant[] = [{ role: 'member' }];
		// The other secretaries are ordinary members who also hold the secretary duty.
		if (member.duties.includes('secretary')) {
			roles.push({ role: 'secretary', branchId: member.branchId });
		}
		accounts.push({
			username: `member${Number(member.id.slice(1))}`,
			displayName: member.name,
			memberId: member.id,
			branchId: member.branchId,
			orgId: member.orgId,
			roles
		});
	}
	const secretary = members.find((m) => m.id === 'm121');
	accounts.push({
		username: 'secretary1',
		displayName: secretary?.name ?? '支部书记',
		memberId: 'm121',
		branchId: 'br1',
		orgId: ORG_ID,
		roles: [{ role: 'member' }, { role: 'secretary', branchId: 'br1' }]
	});
	for (const communityId of communityIds) {
		accounts.push({
			username: staffUsernameOf(communityId),
			displayName: `${communityName.get(communityId) ?? ''}工作人员`,
			roles: [{ role: 'community_staff', communityId }]
		});
	}
	// Staff of the street of br1's linked community (cm1), who rate its secretary's 述职 (R9).
	accounts.push({
		username: 'street1',
		displayName: `${STREETS[0].name}工作人员`,
		roles: [{ role: 'street_staff', streetId: STREETS[0].id }]
	});
	accounts.push({
		username: 'office1',
		displayName: '组织人事科',
		orgId: ORG_ID,
		roles: [{ role: 'office', orgId: ORG_ID }]
	});
	accounts.push({
		username: 'office2',
		displayName: `${SECOND_BUREAU.name}机关党委`,
		orgId: SECOND_BUREAU.id,
		roles: [{ role: 'office', orgId: SECOND_BUREAU.id }]
	});
	accounts.push({ username: 'admin', displayName: '系统管理员', roles: [{ role: 'admin' }] });

	const events = demoEvents(members, rng, now);
	const services = demoServices(
		members,
		new Map(allBranches.map((b) => [b.id, b.linkedCommunityId])),
		communityIds.map((id) => ({ id, staff: staffUsernameOf(id) })),
		now
	);
	const records = demoRecords(members, staffUsernameOf, seededRandom(RECORDS_SEED), now);
	// Every branch with its linked community keeps a ledger, written by its secretary's account.
	const pairs: DemoPair[] = allBranches.flatMap((branch) => {
		const org = orgDocs.find((doc) => doc.id === branch.id);
		const secretaryId = org?.['secretaryMemberId'];
		const member = members.find((m) => m.id === secretaryId);
		const account = accounts.find((a) => a.memberId === secretaryId);
		if (!member || !account) return [];
		return [
			{
				branchId: branch.id,
				communityId: branch.linkedCommunityId,
				orgId: member.orgId,
				secretary: { username: account.username, memberId: member.id, name: member.name },
				staff: staffUsernameOf(branch.linkedCommunityId)
			}
		];
	});
	const ledger = demoLedger(pairs, members, seededRandom(LEDGER_SEED), now);
	const branchReports = demoBranchReports(pairs, orgDocs, ORG_ID, now);
	return {
		accounts,
		files: ledger.files,
		docs: {
			directory: [...orgDocs, ...communityDocs],
			members: memberDocs,
			contacts: [...contactDocs, ...services.contacts],
			reports: [...reportDocs, ...records.reports, ...branchReports.reports],
			reviews: [...reviewDocs, ...records.reviews, ...branchReports.reviews],
			notices: [],
			evaluations: [],
			activities: [...events.activities, ...services.activities, ...ledger.activities],
			credentials: [...events.credentials, ...ledger.credentials],
			attendance: [...events.attendance, ...services.attendance, ...ledger.attendance],
			ledger: ledger.ledger
		}
	};
}
