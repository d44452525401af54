import { shanghaiYear } from '../../domain/calendar/shanghai-calendar';
import type { AnyDoc, Member } from '../../domain/registry';
import {
	approvalOf,
	ownRecordOf,
	recordReviewOf,
	type OwnRecordInput
} from '../../domain/records/record-drafts';
import type { ServiceRecord } from '../../domain/records/service-record';
import type { Random } from './seeded-random';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Plan = 'waiting-confirmation' | 'returned' | 'waiting-approval' | 'approved';

interface Planned {
	member: Member;
	key: string;
	values: Omit<OwnRecordInput, 'photos' | 'activity' | 'at'>;
	daysAgo: number;
	plan: Plan;
	/** Why the community returned it (plan `returned`). */
	reason?: string;
}

/** Service of br1's members done outside the app: what a branch sees in its first weeks. */
const OWN_SERVICES = [
	'协助社区开展老旧小区入户走访',
	'参加社区疫苗接种点秩序维护',
	'为独居老人代购生活用品',
	'参与小区垃圾分类宣传督导',
	'协助社区网格员核对住户信息',
	'参加冬季扫雪除冰志愿服务',
	'在社区图书角整理图书',
	'协助调解邻里停车纠纷'
] as const;

/**
 * The demo's records of service done outside the app, as a bureau starting out has them:
 * member1 (who signs in first) has records under several points rules that the community and
 * secretary1 have approved, one waiting for community1 and one community1 returned; and the
 * other members of branch 1 have records the community confirmed, waiting for secretary1's
 * approval (the approval queue has work). Check-in records are the worker's, derived from the
 * demo's attendance (the party day's 17 hand-entered check-ins stay 需核实).
 */
export function demoRecords(
	members: readonly Member[],
	staffOf: (communityId: string) => string,
	rng: Random,
	now: Date
): { reports: AnyDoc[]; reviews: AnyDoc[] } {
	const nowMs = now.getTime();
	// Everything in the current Shanghai year: points count the year's service.
	const yearStart = Date.UTC(shanghaiYear(now), 0, 1) - 8 * HOUR;
	const dayOf = (daysAgo: number) =>
		new Date(Math.max(nowMs - daysAgo * DAY, Math.min(yearStart + HOUR, nowMs - HOUR)));
	const member1 = members.find((m) => m.id === 'm001');
	const planned: Planned[] = [];
	if (member1) {
		const own = (
			key: string,
			values: Planned['values'],
			daysAgo: number,
			plan: Plan,
			reason?: string
		) =>
			planned.push({ member: member1, key, values, daysAgo, plan, ...(reason ? { reason } : {}) });
		own(
			'demo01resid',
			{
				communityId: 'cm1',
				category: 'service',
				minutes: 180,
				description: '协助社区开展老旧小区入户走访'
			},
			30,
			'approved'
		);
		own(
			'demo01emerg',
			{
				communityId: 'cm1',
				category: 'emergency',
				minutes: 240,
				description: '参加社区防汛应急值守'
			},
			24,
			'approved'
		);
		own(
			'demo01lectr',
			{
				communityId: 'cm1',
				category: 'lecture-given',
				minutes: 60,
				description: '为居民宣讲住房安全知识'
			},
			18,
			'approved'
		);
		own(
			'demo01waitc',
			{
				communityId: 'cm1',
				category: 'service',
				minutes: 120,
				description: '为独居老人代购生活用品'
			},
			3,
			'waiting-confirmation'
		);
		own(
			'demo01retnd',
			{ communityId: 'cm1', category: 'service', minutes: 90, description: '参与小区垃圾分类宣传' },
			9,
			'returned',
			'记录中的日期当天社区未安排此项服务，请核对日期后重新提交。'
		);
	}
	// Twenty-odd records for secretary1 to approve: the branch's others, her own excepted.
	const others = members.filter(
		(m) => m.branchId === 'br1' && m.id !== 'm001' && m.id !== 'm121' && m.residenceCommunityId
	);
	others.forEach((member, index) => {
		const count = index % 3 === 0 ? 2 : 1;
		for (let n = 0; n < count; n++) {
			planned.push({
				member,
				key: `demo${member.id}${n}`,
				values: {
					communityId: member.residenceCommunityId ?? 'cm1',
					category: rng.next() < 0.15 ? 'emergency' : 'service',
					minutes: rng.int(2, 8) * 30,
					description: rng.pick(OWN_SERVICES)
				},
				daysAgo: rng.int(2, 35),
				plan: 'waiting-approval'
			});
		}
	});

	const reports: AnyDoc[] = [];
	const reviews: AnyDoc[] = [];
	for (const { member, key, values, daysAgo, plan, reason } of planned) {
		const at = dayOf(daysAgo);
		const submitted = new Date(Math.min(at.getTime() + rng.int(2, 30) * HOUR, nowMs - HOUR));
		const record: ServiceRecord = ownRecordOf({
			member,
			by: `member${Number(member.id.slice(1))}`,
			key,
			values: { ...values, photos: [], at: at.toISOString() },
			now: submitted
		});
		reports.push(record as unknown as AnyDoc);
		if (plan === 'waiting-confirmation') continue;
		const reviewed = new Date(
			Math.min(submitted.getTime() + rng.int(2, 48) * HOUR, nowMs - 30 * MINUTE)
		);
		const staff = staffOf(record.communityId);
		reviews.push(
			recordReviewOf(
				record,
				staff,
				plan === 'returned'
					? { decision: 'returned', reason: reason ?? '' }
					: { decision: 'confirmed' },
				reviewed
			) as unknown as AnyDoc
		);
		if (plan !== 'approved') continue;
		const approved = new Date(
			Math.min(reviewed.getTime() + rng.int(1, 24) * HOUR, nowMs - 10 * MINUTE)
		);
		reviews.push(
			approvalOf(record, 'secretary1', { decision: 'approved' }, approved) as unknown as AnyDoc
		);
	}
	return { reports, reviews };
}
