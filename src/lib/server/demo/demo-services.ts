import { withChannels } from '../../domain/access/write-policy';
import { claimReceiptOf } from '../../domain/marketplace/claim-receipts';
import { newClaim, type Claimer } from '../../domain/marketplace/claim-drafts';
import type { ClaimDecision } from '../../domain/marketplace/claim-decisions';
import type { Claim } from '../../domain/marketplace/claim-record';
import { decisionOf } from '../../domain/marketplace/decision-drafts';
import { newItem } from '../../domain/marketplace/item-drafts';
import { CATEGORY_TAGS } from '../../domain/marketplace/ranking';
import { residentOf } from '../../domain/marketplace/resident-drafts';
import type { ItemKind, ServiceItem } from '../../domain/marketplace/service-items';
import type { AnyDoc, Member } from '../../domain/registry';
import { shanghaiHour } from './demo-events';
import {
	DONE_NOTES,
	NEEDS,
	POSTS,
	PROJECTS,
	RESIDENT_ADDRESSES,
	RESIDENT_NAMES,
	RETURN_REASON,
	WISHES
} from './demo-services-vocabulary';
import { seededRandom, type Random } from './seeded-random';

/** Its own seed: the rest of the demo's content stays as it was. */
const SEED = 0x5eed_2016;
const DAY = 86_400_000;

/**
 * The member the end-to-end test signs in as (member7): nothing of the demo asks for their skills
 * or fields where they report, so what the test publishes for them comes first, and they have
 * claimed nothing, so their yearly duties start without a service.
 */
export const UNCLAIMED_MEMBER = 'm007';

export interface DemoServices {
	activities: AnyDoc[];
	attendance: AnyDoc[];
	contacts: AnyDoc[];
}

/** What the demo writes of a kind, as the seed stores any document. */
const asDoc = (doc: object) => doc as unknown as AnyDoc;

interface Community {
	id: string;
	/** Its staff account, who publish and decide. */
	staff: string;
}

/** A claim as the member's device made it, with the receipt the gateway would have kept. */
interface Claimed {
	claim: Claim;
	receivedAt: Date;
}

/**
 * What every demo community publishes (R15, R16, R19): two projects (one held twelve days ago, one
 * in nine days), a weekly post, two residents' needs (one unclaimed for ten days) and two
 * micro-wishes, matched to the skills and fields of the members who report there. Members claimed
 * some: the past project's claims are done, most confirmed, one returned and one awaiting the
 * decision; the coming project has more claims than places (the worker puts the last on the
 * waiting list); the post's and the older wish's claims are confirmed. Claims carry the receipts
 * the gateway writes; the claim worker computes the standings, tallies and residents' shares.
 */
export function demoServices(
	members: readonly Member[],
	linkedCommunityOf: ReadonlyMap<string, string>,
	communities: readonly Community[],
	now: Date
): DemoServices {
	const rng = seededRandom(SEED);
	const out: DemoServices = { activities: [], attendance: [], contacts: [] };
	const at = (days: number, hour: number) => shanghaiHour(now, days, hour);
	const unclaimed = members.find((m) => m.id === UNCLAIMED_MEMBER);
	const avoided = new Set([...(unclaimed?.skills ?? []), ...(unclaimed?.professions ?? [])]);

	for (const community of communities) {
		const reporting = members.filter(
			(m) =>
				m.residenceCommunityId === community.id ||
				linkedCommunityOf.get(m.branchId) === community.id
		);
		const claimers = reporting.filter((m) => m.id !== UNCLAIMED_MEMBER);
		if (claimers.length < 4) continue;
		const avoid = reporting.some((m) => m.id === UNCLAIMED_MEMBER) ? avoided : new Set<string>();
		const fits = (tags: readonly string[]) => !tags.some((tag) => avoid.has(tag));
		const wanted = new Set(reporting.flatMap((m) => [...m.skills, ...(m.professions ?? [])]));
		const suits = (tags: readonly string[]) => tags.some((tag) => wanted.has(tag));
		const pickFitting = <T extends { skills: string[] }>(
			templates: readonly T[],
			count: number,
			tagsOf: (t: T) => string[]
		): T[] => {
			const allowed = templates.filter((t) => fits(tagsOf(t)));
			const preferred = allowed.filter((t) => suits(tagsOf(t)));
			const chosen = rng.sample(preferred, count);
			return [
				...chosen,
				...rng.sample(
					allowed.filter((t) => !chosen.includes(t)),
					count
				)
			].slice(0, count);
		};
		const publish = (
			kind: ItemKind,
			input: Parameters<typeof newItem>[1],
			createdDaysAgo: number,
			suffix: string
		): ServiceItem =>
			newItem(kind, input, {
				communityId: community.id,
				createdBy: community.staff,
				now: at(-createdDaysAgo, 9),
				id: `it-demo-${community.id}-${suffix}`
			});
		const claimOf = (item: ServiceItem, member: Member, daysAgo: number, shift?: number) => ({
			claim: withChannels('attendance', newClaim(item, claimerOf(member), at(-daysAgo, 20), shift)),
			receivedAt: new Date(at(-daysAgo, 20).getTime() + rng.int(5, 600) * 1000)
		});
		const done = (c: Claimed, doneAt: Date, minutes: number): Claimed => ({
			...c,
			claim: withChannels('attendance', {
				...c.claim,
				state: 'done',
				done: { at: doneAt.toISOString(), minutes, note: rng.pick(DONE_NOTES), photos: [] },
				updatedAt: doneAt.toISOString()
			} satisfies Claim)
		});
		const claimed: Claimed[] = [];
		const decisions: ClaimDecision[] = [];
		const decide = (c: Claimed, verdict: 'confirmed' | 'returned') => {
			const decidedAt = new Date(Date.parse(c.claim.done?.at ?? '') + DAY);
			decisions.push(
				decisionOf(
					c.claim,
					verdict === 'confirmed'
						? { decision: 'confirmed' }
						: { decision: 'returned', reason: RETURN_REASON },
					community.staff,
					decidedAt
				)
			);
		};
		const people = rng.sample(claimers, claimers.length);
		const person = (i: number): Member => people[i % people.length] as Member;

		const [past, coming] = pickFitting(PROJECTS, 2, (t) => [...t.skills, ...t.fields]);
		if (past) {
			const item = publish('project', projectInput(past, at(-12, 10), 4), 30, 'p1');
			out.activities.push(asDoc(item));
			const claims = [0, 1, 2, 3].map((i) =>
				done(claimOf(item, person(i), 20 + i), at(-12, 13), 180)
			);
			claims.forEach((c, i) => (i < 2 ? decide(c, 'confirmed') : i === 2 && decide(c, 'returned')));
			claimed.push(...claims);
		}
		if (coming) {
			const item = publish('project', projectInput(coming, at(9, 10), 2), 5, 'p2');
			out.activities.push(asDoc(item));
			claimed.push(...[4, 5, 6].map((i) => claimOf(item, person(i), 4 - (i - 4))));
		}
		const [post] = pickFitting(POSTS, 1, (t) => [...t.skills, ...t.fields]);
		if (post) {
			const item = publish(
				'post',
				{
					title: post.title,
					description: post.description,
					skills: post.skills,
					fields: post.fields,
					startsAt: at(-35, 0).toISOString(),
					schedule: post.schedule,
					shifts: [{ weekday: post.weekday, start: post.start, end: post.end }],
					places: 2
				},
				40,
				'post'
			);
			out.activities.push(asDoc(item));
			const c = done(claimOf(item, person(7), 38, 0), at(-7, 11), 120);
			decide(c, 'confirmed');
			claimed.push(c);
		}
		const needs = pickFitting(NEEDS, 2, (t) => [...t.skills, ...CATEGORY_TAGS[t.category]]);
		needs.forEach((need, i) => {
			const createdDaysAgo = i === 0 ? 10 : 2;
			const created = at(-createdDaysAgo, 9);
			const item = publish(
				'need',
				{
					title: need.title,
					description: need.description,
					skills: need.skills,
					fields: [],
					category: need.category,
					urgency: need.urgency,
					startsAt: created.toISOString(),
					endsAt: at(14, 18).toISOString(),
					places: 1
				},
				createdDaysAgo,
				`need${i + 1}`
			);
			out.activities.push(asDoc(item));
			out.contacts.push(resident(rng, item, created));
			// The older need waits unclaimed: the community's desk lists it.
			if (i === 1) claimed.push(claimOf(item, person(8), 1));
		});
		const wishes = pickFitting(WISHES, 2, (t) => t.skills);
		wishes.forEach((wish, i) => {
			const createdDaysAgo = i === 0 ? 20 : 3;
			const created = at(-createdDaysAgo, 9);
			const item = publish(
				'micro-wish',
				{
					title: wish.title,
					description: wish.description,
					skills: wish.skills,
					fields: [],
					...(wish.budgetYuan > 0 ? { budgetYuan: wish.budgetYuan } : {}),
					startsAt: created.toISOString(),
					endsAt: at(25, 18).toISOString(),
					places: 1
				},
				createdDaysAgo,
				`wish${i + 1}`
			);
			out.activities.push(asDoc(item));
			out.contacts.push(resident(rng, item, created));
			const c = claimOf(item, person(9 + i), createdDaysAgo - 1);
			if (i === 0) {
				const fulfilled = done(c, at(-6, 16), 60);
				decide(fulfilled, 'confirmed');
				claimed.push(fulfilled);
			} else claimed.push(c);
		});
		for (const { claim, receivedAt } of claimed) {
			out.attendance.push(asDoc(claim), asDoc(claimReceiptOf(claim, receivedAt)));
		}
		out.attendance.push(...decisions.map(asDoc));
	}
	return out;
}

function claimerOf(member: Member): Claimer {
	return {
		memberId: member.id,
		memberName: member.name,
		branchId: member.branchId,
		orgId: member.orgId
	};
}

function projectInput(
	template: (typeof PROJECTS)[number],
	startsAt: Date,
	places: number
): Parameters<typeof newItem>[1] {
	return {
		title: template.title,
		description: template.description,
		skills: template.skills,
		fields: template.fields,
		place: template.place,
		startsAt: startsAt.toISOString(),
		endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
		places,
		contactName: '社区党委 王书记'
	};
}

function resident(rng: Random, item: ServiceItem, at: Date): AnyDoc {
	return asDoc(
		residentOf(
			item,
			{
				name: rng.pick(RESIDENT_NAMES),
				phone: `1389940${String(rng.int(0, 9999)).padStart(4, '0')}`,
				address: rng.pick(RESIDENT_ADDRESSES)
			},
			at
		)
	);
}
