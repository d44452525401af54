import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityRecords, MemberRecords } from '../../src/lib/domain/access/record-detail';
import { withChannels } from '../../src/lib/domain/access/write-policy';
import { attendanceId, type AnyDoc, type Attendance } from '../../src/lib/domain/registry';
import { toStored } from '../../src/lib/server/demo/demo-seed';
import { aReport } from '../support/factories';
import { recordViews } from '../../src/lib/domain/records/record-status';
import { HttpClient } from '../support/http-client';
import { NOW, World } from '../support/world';
import { claimChannels } from '../../src/lib/domain/marketplace/claim-channels';
import { claimId, type Claim } from '../../src/lib/domain/marketplace/claim-record';
import { itemChannels, type ServiceItem } from '../../src/lib/domain/marketplace/service-items';

const PARTY_DAY = 'act-demo-br1-partyday';

/** A member of another bureau, with a report and a check-in at the demo bureau's party day. */
async function addOtherBureau(world: World) {
	const stamp = (collection: Parameters<typeof withChannels>[0], doc: object) =>
		toStored(withChannels(collection, doc as AnyDoc));
	await world.db('directory').bulkDocs([
		stamp('directory', {
			id: 'org-other',
			kind: 'bureau',
			name: '别的局',
			updatedAt: NOW.toISOString()
		}),
		stamp('directory', {
			id: 'br-other',
			kind: 'branch',
			name: '别的支部',
			parentId: 'org-other',
			updatedAt: NOW.toISOString()
		})
	]);
	await world.db('members').put(
		stamp('members', {
			id: 'm900',
			orgId: 'org-other',
			branchId: 'br-other',
			name: '外局党员',
			residenceCommunityId: 'cm1',
			skills: [],
			interests: [],
			duties: [],
			updatedAt: NOW.toISOString()
		})
	);
	await world
		.db('reports')
		.put(toStored(aReport('m900', 'cm1', { branchId: 'br-other', orgId: 'org-other' })));
	const partyDay = await world.db('activities').get(PARTY_DAY);
	const checkIn: Omit<Attendance, 'channels'> = {
		id: attendanceId(PARTY_DAY, 'm900', 'in'),
		kind: 'in',
		activityId: PARTY_DAY,
		communityId: String(partyDay['communityId']),
		hostBranchId: 'br1',
		memberId: 'm900',
		memberName: '外局党员',
		branchId: 'br-other',
		orgId: 'org-other',
		at: String(partyDay['startsAt']),
		method: 'manual',
		reason: '现场登记',
		recordedBy: 'secretary1'
	};
	await world.db('attendance').put(stamp('attendance', checkIn));
}

describe('/api/records: detail on demand', () => {
	let world: World;
	/** A member of br1 (the demo bureau) checked in at the party day. */
	let attendee: string;
	let contactPhone: string;

	beforeAll(async () => {
		world = await World.start(['office1', 'office2', 'member1', 'member2', 'secretary1']);
		await addOtherBureau(world);
		const records = await world.db('attendance').allDocs({
			startkey: `${PARTY_DAY}.`,
			endkey: `${PARTY_DAY}.\ufff0`,
			include_docs: true
		});
		const demo = records.rows.find((row) => row.doc?.['orgId'] === 'org-zjj');
		attendee = String(demo?.doc?.['memberId']);
		const contact = await world.db('contacts').get(attendee);
		contactPhone = String(contact['phone']);
	});
	afterAll(async () => {
		await world.close();
	});

	async function signedIn(username: string) {
		const client = new HttpClient(world.url);
		expect((await client.signIn(username)).status).toBe(200);
		return client;
	}

	it('gives the office a member of its bureau: profile, reports, attendance, activities', async () => {
		const office = await signedIn('office1');
		const response = await office.request(`/api/records/member/${attendee}`);
		expect(response.status).toBe(200);
		const text = await response.text();
		const body = JSON.parse(text) as MemberRecords;
		expect(body.kind).toBe('member');
		expect(body.member.id).toBe(attendee);
		expect(body.years).toEqual([2026, 2025]);
		expect(body.attendance.map((a) => a.activityId)).toContain(PARTY_DAY);
		expect(body.activities.map((a) => a.id)).toContain(PARTY_DAY);
		expect(body.attendance.every((a) => a.memberId === attendee)).toBe(true);
		expect(body.reports.every((r) => r.memberId === attendee)).toBe(true);
		expect(body.truncated).toBe(false);
		// Contacts never come to the office: neither the document nor its fields.
		expect(text).not.toContain(contactPhone);
		expect(text).not.toMatch(/"phone"|"idNumber"/);
		// Nor the badge token that proved a check-in.
		expect(text).not.toMatch(/"proof"/);
	});

	it('gives the office a member’s service records with the decisions their history is made of', async () => {
		const office = await signedIn('office1');
		const { status, body } = await office.json<MemberRecords>('/api/records/member/m001');
		expect(status).toBe(200);
		expect(body.records.length).toBeGreaterThan(0);
		for (const list of [body.records, body.approvals, body.reviews, body.reports]) {
			expect(list.every((doc) => doc.memberId === 'm001')).toBe(true);
		}
		expect(body.reports.every((r) => r.kind === 'residence' || r.kind === 'unit')).toBe(true);
		const states = recordViews(body).map((view) => view.state);
		expect(states).toEqual(expect.arrayContaining(['approved', 'returned', 'needs-confirmation']));
		// Another bureau's office learns nothing of them.
		const other = await signedIn('office2');
		expect((await other.json('/api/records/member/m001')).status).toBe(404);
	});

	it('answers another bureau’s member exactly like an unknown id', async () => {
		const office = await signedIn('office1');
		const other = await office.json(`/api/records/member/m900`);
		const unknown = await office.json(`/api/records/member/m999`);
		expect(other.status).toBe(404);
		expect(other).toEqual(unknown);
	});

	it('gives the office only its own bureau’s members at an activity its branch held', async () => {
		const office = await signedIn('office1');
		const { status, body } = await office.json<ActivityRecords>(
			`/api/records/activity/${PARTY_DAY}`
		);
		expect(status).toBe(200);
		expect(body.activity.id).toBe(PARTY_DAY);
		expect(body.attendance.length).toBeGreaterThan(0);
		expect(body.attendance.every((a) => a.orgId === 'org-zjj')).toBe(true);
		// The host branch's secretary reads every record of the branch's own activity.
		const secretary = await signedIn('secretary1');
		const hosted = await secretary.json<ActivityRecords>(`/api/records/activity/${PARTY_DAY}`);
		expect(hosted.body.attendance.map((a) => a.memberId)).toContain('m900');
	});

	it('lets a member read their own records and not another member’s', async () => {
		const member = await signedIn('member1');
		const own = await member.json<MemberRecords>('/api/records/member/m001');
		expect(own.status).toBe(200);
		expect(own.body.member.id).toBe('m001');
		const other = await member.json('/api/records/member/m002');
		const unknown = await member.json('/api/records/member/m999');
		expect(other.status).toBe(404);
		expect(other).toEqual(unknown);
	});

	it('lets the secretary read a member of their branch', async () => {
		const secretary = await signedIn('secretary1');
		const { status, body } = await secretary.json<MemberRecords>(`/api/records/member/${attendee}`);
		expect(status).toBe(200);
		expect(body.attendance.map((a) => a.activityId)).toContain(PARTY_DAY);
	});

	it('lists records of activities only: claims and service items share their collections', async () => {
		const item = aServiceItem();
		await world.db('activities').put(toStored(item as unknown as AnyDoc));
		await world.db('attendance').put(toStored(aClaimOf(item, attendee) as unknown as AnyDoc));
		const secretary = await signedIn('secretary1');
		const member = await secretary.json(`/api/records/member/${attendee}`);
		expect(member.status).toBe(200);
		const body = member.body as MemberRecords;
		expect(body.attendance.length).toBeGreaterThan(0);
		expect(body.attendance.every((a) => a.activityId)).toBe(true);
		// An item is no activity: asked for as one, it is not found.
		expect((await secretary.json(`/api/records/activity/${item.id}`)).status).toBe(404);
	});

	it('asks for a session, answers GET only, and names nothing else', async () => {
		const anonymous = new HttpClient(world.url);
		expect((await anonymous.json('/api/records/member/m001')).status).toBe(401);
		const office = await signedIn('office1');
		const post = await office.json('/api/records/member/m001', { method: 'POST' });
		expect(post).toMatchObject({ status: 405, body: { error: 'method_not_allowed' } });
		expect((await office.json('/api/records/contact/m001')).status).toBe(404);
		expect((await office.json('/api/records/member/m001/extra')).status).toBe(404);
		expect((await office.json('/api/records/member/%E0%A4%A')).status).toBe(404);
	});
});

function aServiceItem(): ServiceItem {
	const item: ServiceItem = {
		id: 'it-records1',
		kind: 'project',
		communityId: 'cm1',
		title: '楼道清扫',
		description: '清扫楼道',
		skills: [],
		fields: [],
		startsAt: new Date(NOW.getTime() + 86_400_000).toISOString(),
		endsAt: new Date(NOW.getTime() + 90_000_000).toISOString(),
		places: 2,
		state: 'open',
		createdBy: 'community1',
		createdAt: NOW.toISOString(),
		updatedAt: NOW.toISOString(),
		channels: []
	};
	return { ...item, channels: itemChannels(item) };
}

function aClaimOf(item: ServiceItem, memberId: string): Claim {
	const claim: Claim = {
		id: claimId(item.id, memberId),
		kind: 'claim',
		itemId: item.id,
		itemKind: item.kind,
		communityId: item.communityId,
		memberId,
		memberName: '认领人',
		branchId: 'br1',
		orgId: 'org-zjj',
		claimedAt: NOW.toISOString(),
		state: 'claimed',
		updatedAt: NOW.toISOString(),
		channels: []
	};
	return { ...claim, channels: claimChannels(claim) };
}
