import type { ActivityInput } from '../../domain/events/event-drafts';
import { attendanceRecord } from '../../domain/events/event-drafts';
import {
	activityKeyId,
	type Activity,
	type AnyDoc,
	type Attendance,
	type Credential,
	type Member
} from '../../domain/registry';
import { toHex } from '../../domain/codes/byte-encoding';
import { publicKeyOf } from '../../domain/codes/ed25519-signing';
import { withChannels } from '../../domain/access/write-policy';
import type { Random } from './seeded-random';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** An activity with a key pair drawn from the demo's seeded random source (stable content). */
export function demoActivity(
	rng: Random,
	id: string,
	input: ActivityInput,
	createdBy: string,
	at: Date
): { activity: Activity; credential: Credential } {
	const secretKey = toHex(Uint8Array.from({ length: 32 }, () => rng.int(0, 255)));
	const publicKey = publicKeyOf(secretKey) ?? '';
	const organisers = [...new Set([createdBy, ...input.organisers])];
	const updatedAt = at.toISOString();
	return {
		activity: withChannels('activities', {
			...input,
			id,
			organisers,
			publicKey,
			createdBy,
			updatedAt,
			channels: []
		} satisfies Activity),
		credential: withChannels('credentials', {
			id: activityKeyId(id),
			kind: 'activity-key',
			activityId: id,
			communityId: input.communityId,
			...(input.hostBranchId ? { hostBranchId: input.hostBranchId } : {}),
			organisers,
			secretKey,
			publicKey,
			createdBy,
			updatedAt,
			channels: []
		} satisfies Credential)
	};
}

/** Whole hours in Asia/Shanghai `daysFromNow` days away, so demo times look like real ones. */
export function shanghaiHour(now: Date, daysFromNow: number, hour: number): Date {
	const day = new Date(now.getTime() + daysFromNow * DAY + 8 * HOUR);
	day.setUTCHours(hour - 8, 0, 0, 0);
	return day;
}

export interface DemoEvents {
	activities: AnyDoc[];
	credentials: AnyDoc[];
	attendance: AnyDoc[];
}

/**
 * Events of the demo: branch 1 held its themed party day last month (with a few members
 * missing) and has its ethnic-unity activity coming up; community 1 has an open activity to sign
 * up for; branch 2 held a lecture; the second bureau's branch 8 held its party day in community 1
 * two weeks ago. Check-ins of past events were entered by hand, as a bureau moving its paper
 * records in would.
 */
export function demoEvents(members: readonly Member[], rng: Random, now: Date): DemoEvents {
	const activities: Activity[] = [];
	const credentials: Credential[] = [];
	const attendance: Attendance[] = [];
	const add = (id: string, input: ActivityInput, createdBy: string, createdAgo: number) => {
		const made = demoActivity(rng, id, input, createdBy, new Date(now.getTime() - createdAgo));
		activities.push(made.activity);
		credentials.push(made.credential);
		return made.activity;
	};
	const branchMembers = (branchId: string) => members.filter((m) => m.branchId === branchId);
	const attendee = (m: Member) => ({
		memberId: m.id,
		branchId: m.branchId,
		orgId: m.orgId,
		name: m.name
	});

	const partyDay = add(
		'act-demo-br1-partyday',
		{
			type: 'party-day',
			title: '“党旗映天山”主题党日：走进社区',
			communityId: 'cm1',
			hostBranchId: 'br1',
			place: '社区党群服务中心',
			startsAt: shanghaiHour(now, -40, 9).toISOString(),
			endsAt: shanghaiHour(now, -40, 12).toISOString(),
			expected: 'branch',
			organisers: ['community1']
		},
		'secretary1',
		45 * DAY
	);
	for (const member of branchMembers('br1')) {
		if (rng.next() < 0.25) continue;
		const base = {
			activity: partyDay,
			attendee: attendee(member),
			recordedBy: 'secretary1',
			method: 'manual' as const,
			reason: '按纸质签到表补录'
		};
		const arrived = Date.parse(partyDay.startsAt) + rng.int(-20, 25) * 60_000;
		attendance.push(attendanceRecord({ ...base, kind: 'in', at: new Date(arrived) }));
		const left = Date.parse(partyDay.endsAt) + rng.int(-40, 10) * 60_000;
		attendance.push(attendanceRecord({ ...base, kind: 'out', at: new Date(left) }));
	}

	add(
		'act-demo-br1-unity',
		{
			type: 'ethnic-unity',
			title: '民族团结一家亲联谊活动',
			communityId: 'cm1',
			hostBranchId: 'br1',
			place: '社区文化广场',
			startsAt: shanghaiHour(now, 10, 15).toISOString(),
			endsAt: shanghaiHour(now, 10, 18).toISOString(),
			expected: 'branch',
			organisers: ['community1']
		},
		'secretary1',
		5 * DAY
	);

	const cleanUp = add(
		'act-demo-cm1-cleanup',
		{
			type: 'community',
			title: '小区环境整治志愿服务',
			communityId: 'cm1',
			place: '幸福小区 3 号楼前',
			startsAt: shanghaiHour(now, 3, 10).toISOString(),
			endsAt: shanghaiHour(now, 3, 12).toISOString(),
			capacity: 30,
			expected: 'signup',
			organisers: []
		},
		'community1',
		2 * DAY
	);
	for (const member of rng.sample(branchMembers('br1').slice(1), 6)) {
		attendance.push(
			attendanceRecord({
				activity: cleanUp,
				attendee: attendee(member),
				kind: 'signup',
				recordedBy: `member${Number(member.id.slice(1))}`,
				at: new Date(now.getTime() - rng.int(2, 40) * HOUR)
			})
		);
	}

	const speaker = branchMembers('br2')[1];
	if (speaker) {
		const lecture = add(
			'act-demo-br2-lecture',
			{
				type: 'lecture',
				title: '住房公积金政策宣讲',
				communityId: 'cm2',
				hostBranchId: 'br2',
				place: '社区居民议事厅',
				startsAt: shanghaiHour(now, -20, 16).toISOString(),
				endsAt: shanghaiHour(now, -20, 17).toISOString(),
				expected: 'signup',
				organisers: [],
				speakers: [speaker.id]
			},
			'community2',
			25 * DAY
		);
		attendance.push(
			attendanceRecord({
				activity: lecture,
				attendee: attendee(speaker),
				kind: 'in',
				recordedBy: 'community2',
				at: new Date(Date.parse(lecture.startsAt) - 10 * 60_000),
				method: 'manual',
				reason: '主讲人，现场登记'
			})
		);
	}

	// The second bureau's br8 shares cm1 with br1: its party day there is not br1's business.
	const [br8Secretary, ...br8Rest] = branchMembers('br8');
	if (br8Secretary) {
		const recordedBy = `member${Number(br8Secretary.id.slice(1))}`;
		const br8PartyDay = add(
			'act-demo-br8-partyday',
			{
				type: 'party-day',
				title: '“党旗映天山”主题党日：社区共建',
				communityId: 'cm1',
				hostBranchId: 'br8',
				place: '社区党群服务中心',
				startsAt: shanghaiHour(now, -15, 15).toISOString(),
				endsAt: shanghaiHour(now, -15, 17).toISOString(),
				expected: 'branch',
				organisers: []
			},
			recordedBy,
			20 * DAY
		);
		for (const member of [br8Secretary, ...br8Rest]) {
			if (rng.next() < 0.2) continue;
			attendance.push(
				attendanceRecord({
					activity: br8PartyDay,
					attendee: attendee(member),
					kind: 'in',
					recordedBy,
					at: new Date(Date.parse(br8PartyDay.startsAt) + rng.int(-15, 10) * 60_000),
					method: 'manual',
					reason: '按纸质签到表补录'
				})
			);
		}
	}

	const asDocs = (docs: object[]) => docs as unknown as AnyDoc[];
	return {
		activities: asDocs(activities),
		credentials: asDocs(credentials),
		attendance: asDocs(attendance)
	};
}
