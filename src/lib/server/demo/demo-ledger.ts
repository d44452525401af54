import { withChannels } from '../../domain/access/write-policy';
import { shanghaiYear } from '../../domain/calendar/shanghai-calendar';
import type { ActivityInput } from '../../domain/events/event-drafts';
import { attendanceRecord } from '../../domain/events/event-drafts';
import type { FileType } from '../../domain/files/file-rules';
import {
	agreementId,
	DEFAULT_AGREEMENT_TITLE,
	type Agreement
} from '../../domain/ledger/agreements';
import { seatId, type CommitteeSeat } from '../../domain/ledger/committee-seats';
import type { LedgerDoc } from '../../domain/ledger/ledger-docs';
import type { LedgerPair, LedgerSide } from '../../domain/ledger/ledger-pair';
import {
	decisionItemId,
	listItemId,
	type ItemState,
	type LedgerList,
	type ListItem,
	type ResourceType,
	type TrailEntry
} from '../../domain/ledger/list-items';
import { minutesId, type MeetingDecision, type Minutes } from '../../domain/ledger/minutes';
import type { AnyDoc, Member } from '../../domain/registry';
import { sha256Hex } from '../evidence-files';
import { demoActivity, shanghaiHour } from './demo-events';
import type { Random } from './seeded-random';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A branch the office linked to a community, with who writes its ledger on each side. */
export interface DemoPair extends LedgerPair {
	/** The branch secretary's account and member record. */
	secretary: { username: string; memberId: string; name: string };
	/** The community's staff account. */
	staff: string;
}

/** One write of the demo's ledger history, in order: who made it, the document before and after. */
export interface DemoWrite {
	username: string;
	prev: LedgerDoc | null;
	next: LedgerDoc;
}

/** A file the demo's documents cite, stored in `files` beside them. */
export interface DemoFile {
	hash: string;
	type: FileType;
	bytes: Uint8Array<ArrayBuffer>;
}

export interface DemoLedger {
	ledger: AnyDoc[];
	activities: AnyDoc[];
	credentials: AnyDoc[];
	attendance: AnyDoc[];
	files: DemoFile[];
	/** Every write that made `ledger`, so a test can put each through the kinds' policies. */
	writes: DemoWrite[];
}

/**
 * A one-page PDF standing in for the scans of the signed agreements and appointment letters: the
 * ledger screens open a real file (built here, so no binary sits in the repository).
 */
function demoScan(): DemoFile {
	const text = 'BT /F1 18 Tf 72 760 Td (Demo scan: signed co-building agreement) Tj ET';
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'
	];
	let body = '%PDF-1.4\n';
	const offsets: number[] = [];
	objects.forEach((object, index) => {
		offsets.push(body.length);
		body += `${index + 1} 0 obj\n${object}\nendobj\n`;
	});
	const xref = body.length;
	body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
	body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	const bytes = new Uint8Array(new TextEncoder().encode(body));
	return { hash: sha256Hex(bytes), type: 'application/pdf', bytes };
}

/** The calendar day `years` years and `days` days from a YYYY-MM-DD day. */
function yearsOn(day: string, years: number, days: number): string {
	const [y, m, d] = day.split('-').map(Number) as [number, number, number];
	return new Date(Date.UTC(y + years, m - 1, d) + days * DAY).toISOString().slice(0, 10);
}

interface ItemPlan {
	list: LedgerList;
	title: string;
	detail?: string;
	resourceType?: ResourceType;
	tags: string[];
	side: LedgerSide;
	state: ItemState;
	goodDeed?: boolean;
}

/**
 * Each pair's four lists with an item in every state (计划中, 推进中, 已完成, 已终止), two 实事好事
 * delivered and one under way; the needs and resources tagged with the profile's skill codes, so
 * that the ledger's match suggestions have reasons and the screens label the tags.
 */
const ITEM_PLANS: readonly ItemPlan[] = [
	{
		list: 'resources',
		title: '党员志愿服务队',
		detail: '支部在职党员组成志愿服务队，每月到社区开展一次集中服务。',
		resourceType: 'people',
		tags: ['electrical-repair', 'policy-lecture'],
		side: 'branch',
		state: 'in-progress'
	},
	{
		list: 'resources',
		title: '房屋安全检查技术骨干',
		detail: '住建系统专业技术人员，可为老旧小区提供房屋安全隐患排查。',
		resourceType: 'skills',
		tags: ['building-safety', 'housing-appraisal'],
		side: 'branch',
		state: 'done'
	},
	{
		list: 'resources',
		title: '单位会议室周末向社区开放',
		resourceType: 'venues',
		tags: [],
		side: 'branch',
		state: 'planned'
	},
	{
		list: 'resources',
		title: '共建活动经费',
		detail: '原计划由单位工会列支，因预算调整改为实物支持。',
		resourceType: 'money',
		tags: [],
		side: 'branch',
		state: 'dropped'
	},
	{
		list: 'needs',
		title: '老旧小区楼道照明维修',
		detail: '3、5、7 号楼楼道声控灯损坏，居民夜间出行不便。',
		tags: ['electrical-repair'],
		side: 'community',
		state: 'done',
		goodDeed: true
	},
	{
		list: 'needs',
		title: '独居老人定期探访',
		tags: ['health-care'],
		side: 'community',
		state: 'in-progress'
	},
	{
		list: 'needs',
		title: '居民法律咨询',
		tags: ['legal-advice'],
		side: 'community',
		state: 'planned'
	},
	{
		list: 'needs',
		title: '小区健身器材更换',
		detail: '物业已自行更换，不再列入共建事项。',
		tags: ['property-management'],
		side: 'community',
		state: 'dropped'
	},
	{
		list: 'projects',
		title: '老旧小区屋面防水改造',
		detail: '支部协调专业力量完成 2 栋住宅楼屋面防水修缮。',
		tags: ['building-safety'],
		side: 'branch',
		state: 'done',
		goodDeed: true
	},
	{
		list: 'projects',
		title: '社区便民服务站建设',
		tags: ['property-management'],
		side: 'community',
		state: 'in-progress',
		goodDeed: true
	},
	{
		list: 'projects',
		title: '楼栋长业务培训',
		tags: ['policy-lecture'],
		side: 'community',
		state: 'planned'
	},
	{
		list: 'projects',
		title: '小区停车棚改建',
		detail: '因规划调整暂缓实施。',
		tags: [],
		side: 'branch',
		state: 'dropped'
	},
	{
		list: 'responsibilities',
		title: '在职党员到社区报到全覆盖',
		tags: [],
		side: 'branch',
		state: 'in-progress'
	},
	{
		list: 'responsibilities',
		title: '每季度开展一次联合主题党日',
		tags: [],
		side: 'branch',
		state: 'done'
	},
	{
		list: 'responsibilities',
		title: '结对帮扶困难家庭',
		tags: [],
		side: 'branch',
		state: 'planned'
	},
	{
		list: 'responsibilities',
		title: '社区网格包联',
		detail: '社区网格调整后由社区统一安排，本项终止。',
		tags: [],
		side: 'community',
		state: 'dropped'
	}
];

/** The path to each state, one trail entry per step after the item was created (planned). */
const STEPS: Record<ItemState, readonly ItemState[]> = {
	planned: [],
	'in-progress': ['in-progress'],
	done: ['in-progress', 'done'],
	dropped: ['dropped']
};

/** Community staff named as owners on the community's side (names only, no numbers: PIPL). */
const COMMUNITY_OWNERS = ['社区书记 马丽', '社区主任 艾力·买买提', '网格员 周静', '社区干事 李娜'];

/**
 * The co-building ledger of the demo (R3–R7): for every branch–community pair, its agreement —
 * branch 1's signed and ending within 30 days, so that secretary1 gets the reminder, the others
 * signed for three years — its four lists of the current year, its 实事好事 (two delivered, one
 * under way) and one joint meeting held last month, minuted, whose two decisions became list
 * items. Branches 1–3 have recorded their secretary's committee seat; the others not yet. Every
 * document is built as the writes its writers would have made, in order (`writes`).
 */
export function demoLedger(
	pairs: readonly DemoPair[],
	members: readonly Member[],
	rng: Random,
	now: Date
): DemoLedger {
	const nowMs = now.getTime();
	const year = shanghaiYear(now);
	// Everything of the year lies between its first hour and an hour ago, however early it is.
	const yearStart = Date.UTC(year, 0, 1) - 8 * HOUR;
	const past = (daysAgo: number) =>
		new Date(Math.max(nowMs - daysAgo * DAY, Math.min(yearStart + HOUR, nowMs - HOUR)));
	const yearEnd = Date.UTC(year + 1, 0, 1) - 8 * HOUR - HOUR;
	const ahead = (days: number) => new Date(Math.min(nowMs + days * DAY, yearEnd));
	const dayOf = (at: Date) => new Date(at.getTime() + 8 * HOUR).toISOString().slice(0, 10);
	const scan = demoScan();

	const ledger = new Map<string, LedgerDoc>();
	const writes: DemoWrite[] = [];
	const write = (username: string, next: LedgerDoc) => {
		const stored = withChannels('ledger', next);
		writes.push({ username, prev: ledger.get(stored.id) ?? null, next: stored });
		ledger.set(stored.id, stored);
		return stored;
	};
	const activities: AnyDoc[] = [];
	const credentials: AnyDoc[] = [];
	const attendance: AnyDoc[] = [];

	for (const [index, pair] of pairs.entries()) {
		const { secretary, staff } = pair;
		const base: LedgerPair = {
			branchId: pair.branchId,
			communityId: pair.communityId,
			orgId: pair.orgId
		};
		const writerOf = (side: LedgerSide) => (side === 'branch' ? secretary.username : staff);
		const communityOwner = rng.pick(COMMUNITY_OWNERS);

		// The agreement, signed: whole years to the day before the start's anniversary; branch
		// 1's two years ending in 20 days (so secretary1 is reminded), the others' three.
		const startsOn =
			index === 0
				? yearsOn(dayOf(new Date(nowMs + 20 * DAY)), -2, 1)
				: dayOf(past(rng.int(40, 120)));
		const endsOn = yearsOn(startsOn, index === 0 ? 2 : 3, -1);
		// Signed at ten in the morning of its first day.
		const signedAt = new Date(Date.parse(`${startsOn}T02:00:00.000Z`));
		const agreement: Agreement = {
			id: agreementId(pair.branchId, pair.communityId, startsOn),
			kind: 'agreement',
			...base,
			title: DEFAULT_AGREEMENT_TITLE,
			startsOn,
			endsOn,
			content:
				'双方围绕服务资源、居民需求、民生项目、责任落实四张清单开展共驻共治共建：支部组织在职党员到社区报到服务，' +
				'每年为社区办成不少于 3 件实事好事；社区党组织为党员服务提供岗位和场地，每季度召开一次联席会议。',
			branchSignatory: `${secretary.name}（支部书记）`,
			communitySignatory: '马丽（社区党组织书记）',
			by: secretary.username,
			updatedAt: new Date(Math.min(signedAt.getTime() - 2 * DAY, nowMs - 2 * HOUR)).toISOString(),
			channels: []
		};
		const drafted = write(secretary.username, agreement);
		write(secretary.username, {
			...(drafted as Agreement),
			signedOn: startsOn,
			file: scan.hash,
			updatedAt: new Date(Math.min(signedAt.getTime() + 4 * HOUR, nowMs - HOUR)).toISOString()
		});

		if (index < 3) {
			const seat: CommitteeSeat = {
				id: seatId(pair.branchId, pair.communityId),
				kind: 'committee-seat',
				...base,
				memberId: secretary.memberId,
				memberName: secretary.name,
				post: '社区党组织兼职委员',
				since: dayOf(past(rng.int(150, 300))),
				evidence: [scan.hash],
				by: secretary.username,
				updatedAt: past(rng.int(20, 40)).toISOString(),
				channels: []
			};
			write(secretary.username, seat);
		}

		// The four lists: created in the first months of the year, then moved on step by step.
		ITEM_PLANS.forEach((plan, n) => {
			const writer = writerOf(plan.side);
			const createdAt = past(rng.int(90, 200));
			const created: ListItem = {
				id: listItemId(pair.branchId, year, `demo${String(n + 1).padStart(2, '0')}`),
				kind: 'list-item',
				...base,
				year,
				list: plan.list,
				title: plan.title,
				...(plan.detail ? { detail: plan.detail } : {}),
				...(plan.resourceType ? { resourceType: plan.resourceType } : {}),
				tags: plan.tags,
				owner: plan.side === 'branch' ? secretary.name : communityOwner,
				...(plan.side === 'branch' ? { ownerMemberId: secretary.memberId } : {}),
				dueOn: dayOf(plan.state === 'planned' ? ahead(rng.int(20, 60)) : past(rng.int(5, 30))),
				state: 'planned',
				goodDeed: plan.goodDeed ?? false,
				evidence: [],
				serviceItemIds: [],
				recordIds: [],
				side: plan.side,
				trail: [{ at: createdAt.toISOString(), by: writer, change: 'created' }],
				by: writer,
				updatedAt: createdAt.toISOString(),
				channels: []
			};
			let item = write(writer, created) as ListItem;
			// The steps spread evenly between its creation and an hour ago.
			const steps = STEPS[plan.state];
			const span = (nowMs - HOUR - createdAt.getTime()) / (steps.length + 1);
			steps.forEach((state, step) => {
				const at = new Date(createdAt.getTime() + Math.round(span * (step + 1)));
				const entry: TrailEntry = { at: at.toISOString(), by: writer, change: 'state', state };
				item = write(writer, {
					...item,
					state,
					...(state === 'done' ? { doneOn: dayOf(at) } : {}),
					trail: [...item.trail, entry],
					updatedAt: at.toISOString()
				}) as ListItem;
			});
		});

		// The joint meeting of the pair, held last month, minuted by the branch's secretary.
		const heldAt = past(25);
		const startsAt = shanghaiHour(heldAt, 0, 15);
		const input: ActivityInput = {
			type: 'joint-meeting',
			title: `${year}年度共驻共建联席会议`,
			communityId: pair.communityId,
			hostBranchId: pair.branchId,
			place: '社区党群服务中心会议室',
			startsAt: startsAt.toISOString(),
			endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(),
			expected: 'signup',
			organisers: [staff]
		};
		const activityId = `act-demo-${pair.branchId}-joint`;
		const made = demoActivity(
			rng,
			activityId,
			input,
			secretary.username,
			new Date(startsAt.getTime() - 10 * DAY)
		);
		activities.push(made.activity as unknown as AnyDoc);
		credentials.push(made.credential as unknown as AnyDoc);
		// The branch's members who came checked in by hand from the sign-in sheet.
		const branchMembers = members.filter((m) => m.branchId === pair.branchId);
		const others = branchMembers.filter((m) => m.id !== secretary.memberId);
		const present = [
			...branchMembers.filter((m) => m.id === secretary.memberId),
			...rng.sample(others, 2)
		];
		for (const member of present) {
			attendance.push(
				attendanceRecord({
					activity: made.activity,
					attendee: {
						memberId: member.id,
						branchId: member.branchId,
						orgId: member.orgId,
						name: member.name
					},
					kind: 'in',
					recordedBy: secretary.username,
					at: new Date(startsAt.getTime() - rng.int(0, 15) * MINUTE),
					method: 'manual',
					reason: '按会议签到表补录'
				}) as unknown as AnyDoc
			);
		}
		const decisions: MeetingDecision[] = [
			{
				text: '完成小区楼道照明线路排查',
				owner: secretary.name,
				dueOn: dayOf(ahead(30)),
				list: 'needs'
			},
			{
				text: '组织党员志愿者开展冬季扫雪除冰',
				owner: communityOwner,
				dueOn: dayOf(ahead(45)),
				list: 'projects'
			}
		];
		const heldOn = dayOf(startsAt);
		const scheduled: Minutes = {
			id: minutesId(activityId),
			kind: 'minutes',
			...base,
			activityId,
			year: shanghaiYear(startsAt),
			heldOn,
			agenda: '通报上季度四张清单落实情况；研究冬季社区服务和实事好事安排。',
			invitedUnits: ['社区物业服务中心', '辖区派出所社区警务室'],
			attendees: [],
			decisions: [],
			side: 'branch',
			by: secretary.username,
			updatedAt: new Date(startsAt.getTime() - 10 * DAY).toISOString(),
			channels: []
		};
		const minuted = write(secretary.username, scheduled) as Minutes;
		const minutedAt = new Date(Math.min(startsAt.getTime() + DAY, nowMs - HOUR)).toISOString();
		write(secretary.username, {
			...minuted,
			attendees: [
				{ name: communityOwner.split(' ').at(-1) ?? communityOwner, unit: '社区党组织' },
				{ name: '赵建国', unit: '社区物业服务中心' },
				{ name: '刘洋', unit: '辖区派出所社区警务室' }
			],
			text:
				'会议通报了本年度四张清单推进情况：楼道照明维修、屋面防水改造两件实事好事已完成，便民服务站建设正在推进。' +
				'会议研究了冬季服务安排，形成两项决定，分别列入居民需求清单和民生项目清单，明确责任人和完成时限。',
			decisions,
			updatedAt: minutedAt
		});
		decisions.forEach((decision, i) => {
			const n = i + 1;
			write(secretary.username, {
				id: decisionItemId(minutesId(activityId), n),
				kind: 'list-item',
				...base,
				year: shanghaiYear(startsAt),
				list: decision.list,
				title: decision.text,
				tags: [],
				owner: decision.owner,
				dueOn: decision.dueOn,
				state: 'planned',
				goodDeed: false,
				evidence: [],
				serviceItemIds: [],
				recordIds: [],
				fromMinutes: { minutesId: minutesId(activityId), decision: n },
				side: 'branch',
				trail: [{ at: minutedAt, by: secretary.username, change: 'created' }],
				by: secretary.username,
				updatedAt: minutedAt,
				channels: []
			});
		});
	}

	return {
		ledger: [...ledger.values()] as unknown as AnyDoc[],
		activities,
		credentials,
		attendance,
		files: [scan],
		writes
	};
}
