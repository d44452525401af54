import { describe, expect, it } from 'vitest';
import { sameChannels } from '../../domain/access/channels';
import {
	collectionNames,
	collectionSchema,
	kindOf,
	reportId,
	reviewId,
	type Contact,
	type Member,
	type Org,
	type Report,
	type Review,
	type Activity,
	type AnyDoc,
	type Attendance,
	type CollectionName
} from '../../domain/registry';
import { shanghaiYear } from '../../domain/calendar/shanghai-calendar';
import { branchDuties } from '../../domain/events/yearly-duties';
import { reportStatus } from '../../domain/reporting/report-status';
import { isSecretaryOf, isStaffOf, type Actor } from '../../domain/access/roles';
import { validateAgainst } from '../../domain/schema/schema-validation';
import { checkWrite, relatedKey } from '../../domain/access/write-policy';
import { isActivity } from '../../domain/events/activities';
import { isAttendanceRecord } from '../../domain/events/attendance-record';
import { confirmedClaims } from '../../domain/events/yearly-duties';
import { claimReceiptId } from '../../domain/marketplace/claim-receipts';
import type { Claim } from '../../domain/marketplace/claim-record';
import { ITEM_KINDS, type ServiceItem } from '../../domain/marketplace/service-items';
import { buildDemoData, DEMO_PASSWORD, type DemoAccount } from './demo-data';
import { UNCLAIMED_MEMBER } from './demo-services';

const now = new Date('2024-05-20T08:00:00.000Z');
const data = buildDemoData(now);

const orgs = data.docs.directory.filter(
	(d) => d['kind'] === 'bureau' || d['kind'] === 'branch'
) as unknown as Org[];
const members = data.docs.members as unknown as Member[];
// Members' contacts have no kind; the residents behind needs and wishes share the collection.
const contacts = data.docs.contacts.filter((d) => !('kind' in d)) as unknown as Contact[];
// Service records and the decisions on them share the collections (demo-records.test.ts).
const reports = data.docs.reports.filter(
	(d) => d['kind'] === 'residence' || d['kind'] === 'unit'
) as unknown as Report[];
// Branch reports (`br.`) and the decisions on them: demo-pairing.test.ts.
const reviews = data.docs.reviews.filter(
	(d) =>
		d['kind'] === undefined &&
		!String(d['subjectId']).startsWith('sr.') &&
		!String(d['subjectId']).startsWith('br.')
) as unknown as Review[];

const attendanceRecords = data.docs.attendance.filter(
	isAttendanceRecord
) as unknown as Attendance[];

function account(username: string): DemoAccount {
	const found = data.accounts.find((a) => a.username === username);
	if (!found) throw new Error(`no account ${username}`);
	return found;
}

function actorOf(a: DemoAccount): Actor {
	return {
		username: a.username,
		...(a.memberId ? { memberId: a.memberId } : {}),
		...(a.branchId ? { branchId: a.branchId } : {}),
		...(a.orgId ? { orgId: a.orgId } : {}),
		roles: a.roles
	};
}

function branch(id: string): Org {
	const found = orgs.find((o) => o.id === id);
	if (!found) throw new Error(`no branch ${id}`);
	return found;
}

describe('buildDemoData', () => {
	it('exports the demo password', () => {
		expect(DEMO_PASSWORD).toBe('baodao-demo');
	});

	it('has the expected counts', () => {
		expect(orgs.filter((o) => o.kind === 'bureau').map((o) => o.id)).toEqual([
			'org-zjj',
			'org-zcz'
		]);
		const branches = orgs.filter((o) => o.kind === 'branch');
		expect(branches.map((b) => b.id)).toEqual([
			'br1',
			'br2',
			'br3',
			'br4',
			'br5',
			'br6',
			'br7',
			'br8'
		]);
		const communities = data.docs.directory.filter(
			(d) => !['bureau', 'branch'].includes(String(d['kind']))
		) as unknown as { kind: string; id: string }[];
		expect(communities.filter((c) => c.kind === 'community')).toHaveLength(8);
		expect(communities.filter((c) => c.kind === 'street')).toHaveLength(2);
		expect(communities.filter((c) => c.kind === 'county')).toHaveLength(1);
		expect(members.filter((m) => m.orgId === 'org-zjj')).toHaveLength(121);
		expect(members.filter((m) => m.orgId === 'org-zcz')).toHaveLength(20);
		expect(contacts).toHaveLength(members.length);
		expect(data.docs.notices).toEqual([]);
		expect(members.filter((m) => m.branchId === 'br1')).toHaveLength(21);
		for (let i = 1; i <= 20; i++) {
			expect(members.find((m) => m.id === `m${String(i).padStart(3, '0')}`)?.branchId).toBe('br1');
		}
		for (const b of ['br2', 'br3', 'br4', 'br5', 'br6']) {
			expect(members.filter((m) => m.branchId === b).length).toBeGreaterThan(0);
		}
	});

	it('has the listed accounts, with unique usernames', () => {
		const usernames = data.accounts.map((a) => a.username);
		expect(new Set(usernames).size).toBe(usernames.length);
		for (let i = 1; i <= 120; i++) {
			const a = account(`member${i}`);
			expect(a.memberId).toBe(`m${String(i).padStart(3, '0')}`);
			expect(a.orgId).toBe('org-zjj');
			expect(a.roles).toContainEqual({ role: 'member' });
			expect(a.branchId).toBe(members.find((m) => m.id === a.memberId)?.branchId);
		}
		for (let i = 1; i <= 8; i++) {
			const a = account(`community${i}`);
			expect(a.memberId).toBeUndefined();
			expect(a.roles).toEqual([{ role: 'community_staff', communityId: `cm${i}` }]);
		}
		for (let i = 201; i <= 220; i++) {
			const a = account(`member${i}`);
			expect(a.memberId).toBe(`m${i}`);
			expect(a.orgId).toBe('org-zcz');
			expect(a.branchId).toBe(members.find((m) => m.id === a.memberId)?.branchId);
		}
		expect(account('street1').roles).toEqual([{ role: 'street_staff', streetId: 'st1' }]);
		expect(account('office1').roles).toEqual([{ role: 'office', orgId: 'org-zjj' }]);
		expect(account('office2').roles).toEqual([{ role: 'office', orgId: 'org-zcz' }]);
		expect(account('admin').roles).toEqual([{ role: 'admin' }]);
		expect(account('secretary1').memberId).toBe('m121');
		for (const a of data.accounts) expect(a.displayName.length).toBeGreaterThan(0);
	});

	it('gives every document a valid shape and the channels its fields imply', () => {
		for (const name of collectionNames) {
			const ids = new Set<string>();
			for (const doc of data.docs[name]) {
				const definition = kindOf(name, doc);
				if (!definition) throw new Error(`no kind for ${name}/${doc.id}`);
				expect(validateAgainst(definition.schema, doc), `${name}/${doc.id}`).toBeNull();
				expect(validateAgainst(collectionSchema(name), doc), `${name}/${doc.id}`).toBeNull();
				expect(sameChannels(doc.channels, definition.channelsOf(doc))).toBe(true);
				expect(ids.has(doc.id), `duplicate ${name}/${doc.id}`).toBe(false);
				ids.add(doc.id);
			}
		}
	});

	it('dates every document before now', () => {
		const times = [
			...Object.values(data.docs).flatMap((docs) =>
				docs.flatMap((d) => [d['updatedAt'], d['submittedAt'], d['decidedAt']])
			)
		].filter((t): t is string => typeof t === 'string');
		expect(times.length).toBeGreaterThan(0);
		for (const t of times) expect(new Date(t).getTime()).toBeLessThan(now.getTime());
	});

	it('keeps one contact per member with distinct mobile numbers', () => {
		const phones = contacts.map((c) => c.phone);
		expect(new Set(phones).size).toBe(phones.length);
		for (const phone of phones) expect(phone).toMatch(/^1[3-9][0-9]{9}$/);
		for (const m of members) {
			const c = contacts.find((x) => x.id === m.id);
			expect(c?.memberId).toBe(m.id);
			expect(c?.branchId).toBe(m.branchId);
			expect(c?.residenceCommunityId).toBe(m.residenceCommunityId);
		}
	});

	it('has reports in every state, and none for member1', () => {
		const states = new Set(reports.map((r) => reportStatus(r, reviews).state));
		expect(states).toEqual(new Set(['waiting', 'confirmed', 'returned']));
		expect(reports.some((r) => r.kind === 'unit')).toBe(true);
		expect(reports.some((r) => r.kind === 'residence')).toBe(true);
		// Resubmitted after a return: submission 2 with the returned review on submission 1.
		const resubmitted = reports.filter((r) => r.submission === 2);
		expect(resubmitted.length).toBeGreaterThan(0);
		for (const r of resubmitted) {
			expect(reviews.find((v) => v.id === reviewId(r.id, 1))?.decision).toBe('returned');
		}
		expect(reports.filter((r) => r.memberId === 'm001')).toEqual([]);
		const reporting = new Set(reports.map((r) => r.memberId));
		expect(members.length - reporting.size).toBeGreaterThan(10);
	});

	it('files reports at the right communities and under the right ids', () => {
		for (const r of reports) {
			const m = members.find((x) => x.id === r.memberId);
			expect(r.id).toBe(reportId(r.memberId, r.kind, r.communityId));
			expect(r.branchId).toBe(m?.branchId);
			expect(r.communityId).toBe(
				r.kind === 'residence' ? m?.residenceCommunityId : branch(r.branchId).linkedCommunityId
			);
		}
	});

	it('makes br1 led by secretary1 (m121) and linked to community1', () => {
		const secretary = actorOf(account('secretary1'));
		expect(isSecretaryOf(secretary, 'br1')).toBe(true);
		expect(members.find((m) => m.id === 'm121')?.branchId).toBe('br1');
		expect(members.find((m) => m.id === 'm121')?.duties).toContain('secretary');
		expect(branch('br1').secretaryMemberId).toBe('m121');
		const linked = branch('br1').linkedCommunityId;
		expect(linked).toBeDefined();
		expect(isStaffOf(actorOf(account('community1')), linked ?? '')).toBe(true);
	});

	it('names a secretary who is a member of every branch', () => {
		for (const b of orgs.filter((o) => o.kind === 'branch')) {
			const secretary = members.find((m) => m.id === b.secretaryMemberId);
			expect(secretary?.branchId).toBe(b.id);
			expect(secretary?.duties).toContain('secretary');
		}
		for (const m of members) {
			if (!m.duties.includes('secretary')) expect(m.duties).toEqual([]);
		}
	});

	it('has every review made by a staff account of its community', () => {
		expect(reviews.length).toBeGreaterThan(0);
		for (const v of reviews) {
			expect(isStaffOf(actorOf(account(v.reviewer)), v.communityId)).toBe(true);
			expect(v.id).toBe(reviewId(v.subjectId, v.subjectSubmission));
			if (v.decision === 'returned') expect(v.reason?.trim()).toBeTruthy();
		}
	});

	/** What the gateway loads from its store for a write's policy (`relatedOf`): here, the demo data. */
	function relatedOf(collection: CollectionName, doc: unknown) {
		const related = new Map<string, Record<string, unknown>>();
		const fields = doc as Parameters<NonNullable<ReturnType<typeof kindOf>>['channelsOf']>[0];
		for (const ref of kindOf(collection, fields)?.relatedOf?.(fields) ?? []) {
			const found = (data.docs[ref.collection as CollectionName] as { id: string }[]).find(
				(d) => d.id === ref.id
			);
			if (found) related.set(relatedKey(ref), found);
		}
		return related;
	}

	it('passes the write policies of the people who would have written it', () => {
		const accountOfMember = (memberId: string) =>
			data.accounts.find(
				(a) => a.memberId === memberId && a.roles.some((g) => g.role === 'member')
			);
		for (const r of reports) {
			const owner = accountOfMember(r.memberId);
			expect(owner).toBeDefined();
			const verdict = checkWrite({
				collection: 'reports',
				actor: actorOf(owner as DemoAccount),
				prev: null,
				next: r as never,
				deleting: false,
				subject:
					r.kind === 'unit' ? (data.docs.directory.find((o) => o.id === r.branchId) ?? null) : null,
				related: relatedOf('reports', r)
			});
			expect(verdict, r.id).toEqual({ ok: true });
		}
		for (const v of reviews) {
			const report = reports.find((r) => r.id === v.subjectId);
			expect(report).toBeDefined();
			expect(v.subjectSubmission).toBeLessThanOrEqual(report?.submission ?? 0);
			// The review decided the submission that was current at the time.
			const subject = { ...report, submission: v.subjectSubmission };
			const verdict = checkWrite({
				collection: 'reviews',
				actor: actorOf(account(v.reviewer)),
				prev: null,
				next: v as never,
				deleting: false,
				subject
			});
			expect(verdict, v.id).toEqual({ ok: true });
		}
		// Each bureau's office writes its own organisations and members; either may keep places.
		const officeOf = (doc: Record<string, unknown>) =>
			actorOf(
				account(
					[doc['orgId'], doc['parentId'], doc['id']].includes('org-zcz') ? 'office2' : 'office1'
				)
			);
		for (const name of ['directory', 'members'] as const) {
			for (const doc of data.docs[name]) {
				const verdict = checkWrite({
					collection: name,
					actor: officeOf(doc),
					prev: null,
					next: doc,
					deleting: false,
					subject: null,
					// A branch's linked community must be one of the directory's.
					related: relatedOf(name, doc)
				});
				expect(verdict, `${name}/${doc.id}`).toEqual({ ok: true });
			}
		}
	});

	it('has events its organisers and members could have recorded, with R8 gaps in branch 1', () => {
		const activities = data.docs.activities.filter(isActivity) as unknown as Activity[];
		const byId = new Map(activities.map((a) => [a.id, a]));
		for (const activity of activities) {
			const creator = actorOf(account(activity.createdBy));
			const branch = data.docs.directory.find((o) => o.id === activity.hostBranchId) ?? null;
			const write = (collection: 'activities' | 'credentials', next: unknown) =>
				checkWrite({
					collection,
					actor: creator,
					prev: null,
					next: next as never,
					deleting: false,
					subject: branch,
					related: relatedOf(collection, next)
				});
			expect(write('activities', activity), activity.id).toEqual({ ok: true });
			const key = data.docs.credentials.find((c) => c['activityId'] === activity.id);
			expect(write('credentials', key), activity.id).toEqual({ ok: true });
		}
		for (const record of attendanceRecords) {
			const verdict = checkWrite({
				collection: 'attendance',
				actor: actorOf(account(record.recordedBy)),
				prev: null,
				next: record as never,
				deleting: false,
				subject: (byId.get(record.activityId) ?? null) as Record<string, unknown> | null,
				related: relatedOf('attendance', record),
				now
			});
			expect(verdict, record.id).toEqual({ ok: true });
		}
		const br1 = members.filter((m) => m.branchId === 'br1');
		const [unity, partyDay] = branchDuties(
			'br1',
			br1,
			activities,
			attendanceRecords,
			shanghaiYear(now)
		);
		expect(partyDay?.held).toBe(true);
		expect(partyDay?.missing.length).toBeGreaterThan(0);
		expect(partyDay?.missing.length).toBeLessThan(br1.length);
		expect(unity?.held).toBe(false);
		expect(unity?.activities).toHaveLength(1);
	});

	it("has a second bureau living in the first bureau's communities, with its own accounts", () => {
		const second = members.filter((m) => m.orgId === 'org-zcz');
		const firstResidences = new Set(
			members.filter((m) => m.orgId === 'org-zjj').map((m) => m.residenceCommunityId)
		);
		for (const m of second) expect(firstResidences.has(m.residenceCommunityId), m.id).toBe(true);
		expect(new Set(second.map((m) => m.branchId))).toEqual(new Set(['br7', 'br8']));
		// A community both bureaus' branches report to.
		expect(branch('br8').linkedCommunityId).toBe(branch('br1').linkedCommunityId);
		const secretary = actorOf(account('member211'));
		expect(isSecretaryOf(secretary, 'br8')).toBe(true);
		expect(branch('br8').secretaryMemberId).toBe('m211');
		expect(actorOf(account('member212')).roles).toEqual([{ role: 'member' }]);
		expect(reports.some((r) => r.orgId === 'org-zcz' && r.communityId === 'cm1')).toBe(true);
		const partyDay = (data.docs.attendance as unknown as Attendance[]).filter(
			(a) => a.activityId === 'act-demo-br8-partyday'
		);
		expect(partyDay.length).toBeGreaterThan(0);
		expect(partyDay.every((a) => a.orgId === 'org-zcz')).toBe(true);
	});

	describe('services', () => {
		const ofKind =
			(...kinds: string[]) =>
			(doc: AnyDoc) =>
				kinds.includes(String(doc['kind']));
		const items = data.docs.activities.filter(ofKind(...ITEM_KINDS)) as unknown as ServiceItem[];
		const claims = data.docs.attendance.filter(ofKind('claim')) as unknown as Claim[];
		const decisions = data.docs.attendance.filter(ofKind('claim-decision'));
		const residents = data.docs.contacts.filter(ofKind('resident'));
		const reportsTo = (m: Member, communityId: string) =>
			m.residenceCommunityId === communityId ||
			orgs.find((o) => o.id === m.branchId)?.linkedCommunityId === communityId;

		it('has every community publish projects, a post, needs and micro-wishes fitting its members', () => {
			for (let i = 1; i <= 8; i++) {
				const own = items.filter((item) => item.communityId === `cm${i}`);
				expect(own.map((item) => item.kind).sort(), `cm${i}`).toEqual([
					'micro-wish',
					'micro-wish',
					'need',
					'need',
					'post',
					'project',
					'project'
				]);
				const tags = new Set(
					members
						.filter((m) => reportsTo(m, `cm${i}`))
						.flatMap((m) => [...m.skills, ...(m.professions ?? [])])
				);
				const fitting = own.filter((item) =>
					[...item.skills, ...item.fields].some((tag) => tags.has(tag))
				);
				expect(fitting.length, `cm${i}`).toBeGreaterThanOrEqual(2);
			}
			for (const item of items.filter((i) => i.kind === 'need' || i.kind === 'micro-wish')) {
				expect(
					residents.some((r) => r['itemId'] === item.id),
					item.id
				).toBe(true);
			}
		});

		it('has claims in every state, each with its receipt, by members who report there', () => {
			expect(new Set(claims.map((c) => c.state))).toEqual(new Set(['claimed', 'done']));
			expect(new Set(decisions.map((d) => d['decision']))).toEqual(
				new Set(['confirmed', 'returned'])
			);
			for (const claim of claims) {
				const item = items.find((i) => i.id === claim.itemId);
				const member = members.find((m) => m.id === claim.memberId);
				expect(item && member && reportsTo(member, item.communityId), claim.id).toBe(true);
				const receipt = data.docs.attendance.find((d) => d.id === claimReceiptId(claim));
				expect(Date.parse(String(receipt?.['receivedAt']))).toBeGreaterThan(
					Date.parse(claim.claimedAt)
				);
			}
			// More claims than places on a coming project: the worker puts the last on the waiting list.
			const coming = items.find((i) => i.id === 'it-demo-cm1-p2');
			expect(claims.filter((c) => c.itemId === coming?.id).length).toBeGreaterThan(
				coming?.places ?? Infinity
			);
			// The secretary of br1 sees R16 progress from confirmed claims.
			const served = members
				.filter((m) => m.branchId === 'br1')
				.map((m) => confirmedClaims(m.id, { claims, decisions: decisions as never }, 2024));
			expect(served.some((s) => s.projectsOrPosts > 0)).toBe(true);
			expect(served.some((s) => s.microWishes > 0)).toBe(true);
		});

		it('leaves member7 unclaimed, and asks nothing of their skills where they report', () => {
			const member = members.find((m) => m.id === UNCLAIMED_MEMBER);
			expect(account('member7').memberId).toBe(UNCLAIMED_MEMBER);
			expect(claims.filter((c) => c.memberId === UNCLAIMED_MEMBER)).toEqual([]);
			const theirs = new Set([...(member?.skills ?? []), ...(member?.professions ?? [])]);
			const where = items.filter((item) => member && reportsTo(member, item.communityId));
			expect(where.length).toBeGreaterThan(0);
			for (const item of where) {
				expect(
					[...item.skills, ...item.fields].filter((tag) => theirs.has(tag)),
					item.id
				).toEqual([]);
			}
		});

		it('passes the write policies of the staff and members who would have written it', () => {
			const write = (
				collection: CollectionName,
				username: string,
				next: unknown,
				subject: unknown,
				at: Date
			) =>
				checkWrite({
					collection,
					actor: actorOf(account(username)),
					prev: null,
					next: next as never,
					deleting: false,
					subject: (subject ?? null) as Record<string, unknown> | null,
					related: new Map(),
					now: at
				});
			const staffOf = (communityId: string) => `community${communityId.slice(2)}`;
			for (const item of items) {
				const verdict = write('activities', item.createdBy, item, null, new Date(item.createdAt));
				expect(verdict, item.id).toEqual({ ok: true });
			}
			for (const resident of residents) {
				const item = items.find((i) => i.id === resident['itemId']);
				const verdict = write(
					'contacts',
					staffOf(String(resident['communityId'])),
					resident,
					item,
					new Date(String(resident['updatedAt']))
				);
				expect(verdict, resident.id).toEqual({ ok: true });
			}
			for (const claim of claims) {
				// As the member's device first wrote it: claimed, before anyone marked it done.
				const first = { ...claim, state: 'claimed', updatedAt: claim.claimedAt };
				delete (first as Partial<Claim>).done;
				const item = items.find((i) => i.id === claim.itemId);
				const username = `member${Number(claim.memberId.slice(1))}`;
				const verdict = write('attendance', username, first, item, new Date(claim.claimedAt));
				expect(verdict, claim.id).toEqual({ ok: true });
			}
			for (const decision of decisions) {
				const claim = claims.find((c) => c.id === decision['claimId']);
				const verdict = write(
					'attendance',
					String(decision['decidedBy']),
					decision,
					claim,
					new Date(String(decision['decidedAt']))
				);
				expect(verdict, decision.id).toEqual({ ok: true });
			}
		});
	});

	it('is deterministic', () => {
		expect(buildDemoData(now)).toEqual(data);
		expect(JSON.stringify(buildDemoData(new Date(now)))).toBe(JSON.stringify(data));
	});
});
