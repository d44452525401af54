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
} from '../domain/collections';
import type { RoleGrant } from '../domain/roles';
import { withChannels } from '../domain/write-policy';

/**
 * Demo data for a fresh installation: one bureau of a Xinjiang prefecture (昌吉州), its six party
 * branches, a small community tree of 昌吉市 and about 120 members with reports in every state.
 * Pure and deterministic: the content comes from a fixed seed, only the timestamps follow `now`.
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
}

const ORG_ID = 'org-zjj';
const SEED = 0x5eed_2023;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** mulberry32: a tiny seeded PRNG, good enough for demo content. */
function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

interface Random {
	next(): number;
	int(min: number, max: number): number;
	pick<T>(items: readonly T[]): T;
	sample<T>(items: readonly T[], count: number): T[];
}

function random(seed: number): Random {
	const next = mulberry32(seed);
	const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
	const pick = <T>(items: readonly T[]): T => {
		const item = items[Math.floor(next() * items.length)];
		if (item === undefined) throw new Error('pick from an empty list');
		return item;
	};
	const sample = <T>(items: readonly T[], count: number): T[] => {
		const pool = [...items];
		const chosen: T[] = [];
		while (chosen.length < count && pool.length > 0) {
			chosen.push(...pool.splice(Math.floor(next() * pool.length), 1));
		}
		return chosen;
	};
	return { next, int, pick, sample };
}

// ---------------------------------------------------------------------------------------------
// Reference content

const COUNTY = { id: 'cm-city', name: '昌吉市' };

const STREETS = [
	{ id: 'st1', name: '宁边路街道' },
	{ id: 'st2', name: '延安北路街道' }
] as const;

/** Four communities per street: cm1–cm4 in st1, cm5–cm8 in st2. */
const COMMUNITY_NAMES = [
	'丰收社区',
	'天山社区',
	'长宁社区',
	'东苑社区',
	'延安社区',
	'青年社区',
	'和谐社区',
	'团结社区'
] as const;

const BRANCHES = [
	{ id: 'br1', name: '局机关第一党支部', linkedCommunityId: 'cm1' },
	{ id: 'br2', name: '局机关第二党支部', linkedCommunityId: 'cm2' },
	{ id: 'br3', name: '州住房和城乡建设综合行政执法支队党支部', linkedCommunityId: 'cm3' },
	{ id: 'br4', name: '州住房公积金管理中心党支部', linkedCommunityId: 'cm5' },
	{ id: 'br5', name: '州建设工程质量安全监督站党支部', linkedCommunityId: 'cm6' },
	{ id: 'br6', name: '州城市建设档案馆党支部', linkedCommunityId: 'cm7' }
] as const;

const SKILLS = [
	'法律咨询',
	'医疗健康',
	'文艺宣传',
	'电工维修',
	'心理疏导',
	'助老助残',
	'政策宣讲',
	'建筑安全',
	'房屋鉴定',
	'燃气安全',
	'物业管理',
	'摄影摄像',
	'双语翻译',
	'财务会计',
	'书法绘画',
	'计算机应用'
] as const;

const INTERESTS = [
	'环境整治',
	'关爱青少年',
	'邻里互助',
	'文明创建',
	'垃圾分类',
	'民族团结',
	'防诈宣传',
	'理论宣讲',
	'义务植树',
	'便民服务',
	'体育健身',
	'读书分享'
] as const;

const BACKGROUNDS = [
	'土木工程专业，长期从事建设工程质量监督工作。',
	'注册建造师，熟悉房屋建筑施工安全管理。',
	'法学专业，曾参与住建领域行政执法案卷评查。',
	'从事住房公积金政策咨询多年，熟悉个人贷款业务。',
	'城乡规划专业，参与过老旧小区改造项目。',
	'退伍军人，热心社区治安巡逻和应急处置。',
	'会计师，熟悉财务管理和政策解读。',
	'业余文艺骨干，能组织社区文艺演出。'
] as const;

const SURNAMES = [
	'王',
	'李',
	'张',
	'刘',
	'陈',
	'杨',
	'赵',
	'黄',
	'周',
	'吴',
	'徐',
	'孙',
	'马',
	'朱',
	'胡',
	'郭',
	'何',
	'高',
	'林',
	'罗',
	'郑',
	'梁',
	'谢',
	'宋',
	'韩',
	'冯',
	'邓',
	'曹',
	'彭',
	'田'
] as const;

const GIVEN_NAMES = [
	'建国',
	'志强',
	'丽娟',
	'秀英',
	'海燕',
	'文博',
	'晓东',
	'婷',
	'磊',
	'静',
	'军',
	'娜',
	'勇',
	'敏',
	'伟',
	'芳',
	'涛',
	'霞',
	'刚',
	'红梅',
	'雪莲',
	'建疆',
	'新华',
	'玉兰',
	'国庆',
	'春燕',
	'明辉',
	'雅琴',
	'振宇',
	'佳怡',
	'学军',
	'凤霞',
	'永刚',
	'丽萍',
	'浩然',
	'晓燕'
] as const;

/** Uyghur and Kazakh names: given name · father's name. */
const MINORITY_GIVEN = [
	'艾尔肯',
	'买买提江',
	'古丽米拉',
	'阿依古丽',
	'热依拉',
	'迪丽努尔',
	'努尔兰',
	'叶尔兰',
	'加娜尔',
	'阿力木',
	'帕提古丽',
	'库尔班'
] as const;

const MINORITY_FATHER = [
	'买买提',
	'吐尔逊',
	'艾力',
	'司马义',
	'吾斯曼',
	'阿不都',
	'哈力木',
	'赛力克',
	'努尔江',
	'热合曼'
] as const;

const MOBILE_PREFIXES = [
	'130',
	'133',
	'135',
	'136',
	'138',
	'139',
	'150',
	'151',
	'152',
	'153',
	'158',
	'159',
	'177',
	'180',
	'181',
	'182',
	'186',
	'187',
	'188',
	'189',
	'199'
] as const;

const RETURN_REASONS = [
	'居住地址与社区登记信息不符，请核实小区楼栋后重新提交。',
	'未填写可参加志愿服务的时间，请补充后重新提交。',
	'请补充个人特长及可提供的志愿服务内容。',
	'报到信息中联系方式有误，请更新个人联系方式后再次提交。'
] as const;

const RESIDENCE_NOTES = [
	'本人居住在本社区，周末可参加社区志愿服务。',
	'可利用业余时间参与社区政策宣讲和便民服务。',
	'愿意参加社区环境整治和邻里互助活动。',
	'可为居民提供专业咨询服务，工作日晚上及周末有空。'
] as const;

const UNIT_NOTES = [
	'随支部到联系社区报到，参与共驻共建活动。',
	'按支部安排到联系社区认领服务项目。',
	'参加联系社区组织的实事好事活动。'
] as const;

const RESUBMIT_NOTES = [
	'已按社区意见核实信息，重新提交报到。',
	'已补充可参加服务的时间：每周六上午。',
	'已补充个人特长和可提供的服务内容。'
] as const;

// ---------------------------------------------------------------------------------------------
// Helpers

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

// ---------------------------------------------------------------------------------------------

export function buildDemoData(now: Date): DemoData {
	const rng = random(SEED);
	const nowMs = now.getTime();
	/** A moment `daysAgo` days (plus a few minutes) before `now`. */
	const before = (daysAgo: number, jitterMinutes = 0) =>
		new Date(nowMs - daysAgo * DAY - jitterMinutes * MINUTE).toISOString();
	const referenceUpdatedAt = before(90);

	// Community tree ---------------------------------------------------------------------------
	const communityDocs: AnyDoc[] = [
		asDoc<Community>('communities', {
			id: COUNTY.id,
			kind: 'county',
			name: COUNTY.name,
			updatedAt: referenceUpdatedAt
		})
	];
	for (const street of STREETS) {
		communityDocs.push(
			asDoc<Community>('communities', {
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
			asDoc<Community>('communities', {
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
		asDoc<Org>('orgs', {
			id: ORG_ID,
			kind: 'bureau',
			name: '州住建局',
			updatedAt: referenceUpdatedAt
		})
	];
	BRANCHES.forEach((branch, i) => {
		orgDocs.push(
			asDoc<Org>('orgs', {
				id: branch.id,
				kind: 'branch',
				name: branch.name,
				parentId: ORG_ID,
				linkedCommunityId: branch.linkedCommunityId,
				secretaryMemberId: SECRETARY_OF_BRANCH[i] ?? 'm121',
				updatedAt: referenceUpdatedAt
			})
		);
	});

	// Members and their contacts ------------------------------------------------------------------
	const usedNames = new Set<string>();
	const personName = (): string => {
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
	const phoneNumber = (): string => {
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
	for (let index = 1; index <= 121; index++) {
		const id = memberIdOf(index);
		const branch = BRANCHES[branchIndexOf(index)] ?? BRANCHES[0];
		const isSecretary = (SECRETARY_OF_BRANCH as readonly string[]).includes(id);
		const updatedAt = before(rng.int(30, 80), rng.int(0, 600));
		const member: Omit<Member, 'channels'> = {
			id,
			orgId: ORG_ID,
			branchId: branch.id,
			name: personName(),
			// member1 lives in the community branch 1 is linked to, so community1 handles both reports.
			residenceCommunityId: id === 'm001' ? 'cm1' : rng.pick(communityIds),
			skills: rng.sample(SKILLS, rng.int(1, 3)),
			...(rng.next() < 0.2 ? { background: rng.pick(BACKGROUNDS) } : {}),
			interests: rng.sample(INTERESTS, rng.int(1, 2)),
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
				phone: phoneNumber(),
				...(idNumber ? { idNumber } : {}),
				updatedAt
			})
		);
	}

	// Reports and reviews -------------------------------------------------------------------------
	const reportDocs: AnyDoc[] = [];
	const reviewDocs: AnyDoc[] = [];

	const addReport = (member: Member, kind: ReportKind, communityId: string, plan: Plan) => {
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
				note,
				updatedAt: at
			})
		);
	};

	for (const member of members) {
		// member1 (m001) has not reported yet: the demo starts from their first report.
		if (member.id === 'm001') continue;
		const residencePlan = choosePlan(rng, RESIDENCE_PLANS);
		if (member.residenceCommunityId) {
			addReport(member, 'residence', member.residenceCommunityId, residencePlan);
		}
		const linked = BRANCHES.find((b) => b.id === member.branchId)?.linkedCommunityId;
		const unitPlan = choosePlan(rng, UNIT_PLANS);
		if (linked && linked !== member.residenceCommunityId) {
			addReport(member, 'unit', linked, unitPlan);
		}
	}

	// Accounts -------------------------------------------------------------------------------------
	const accounts: DemoAccount[] = [];
	for (const member of members) {
		const index = Number(member.id.slice(1));
		if (index > 120) continue;
		const roles: RoleGrant[] = [{ role: 'member' }];
		// The secretaries of br2–br6 are ordinary members who also hold the secretary duty.
		if (member.duties.includes('secretary')) {
			roles.push({ role: 'secretary', branchId: member.branchId });
		}
		accounts.push({
			username: `member${index}`,
			displayName: member.name,
			memberId: member.id,
			branchId: member.branchId,
			orgId: ORG_ID,
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
	accounts.push({
		username: 'office1',
		displayName: '组织人事科',
		orgId: ORG_ID,
		roles: [{ role: 'office', orgId: ORG_ID }]
	});
	accounts.push({ username: 'admin', displayName: '系统管理员', roles: [{ role: 'admin' }] });

	return {
		accounts,
		docs: {
			orgs: orgDocs,
			communities: communityDocs,
			members: memberDocs,
			contacts: contactDocs,
			reports: reportDocs,
			reviews: reviewDocs,
			notices: []
		}
	};
}
