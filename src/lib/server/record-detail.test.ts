import { describe, expect, it } from 'vitest';
import { channelsForActor, type Reach } from '../domain/access/channels';
import type { Actor } from '../domain/access/roles';
import { withChannels } from '../domain/access/write-policy';
import type { AnyDoc, CollectionName } from '../domain/registry';
import { aBranchActivity, anActivity, aRecord } from '../../test-data/activity-fixtures';
import { aMember, confirm, reported } from '../../test-data/reporting-fixtures';
import {
	office,
	otherMember,
	otherOffice,
	owner,
	secretary,
	staff
} from '../../test-data/test-actors';
import { mayReadDetail, officeDetailGrant, type DetailCollection } from './record-detail';
import { approvalOf, ownRecordOf } from '../domain/records/record-drafts';

const NOW = new Date('2026-11-20T04:00:00.000Z');

function callerOf(actor: Actor, reach: Reach = { memberCommunities: [], branchCommunities: [] }) {
	return { actor, channels: channelsForActor(actor, reach, NOW) };
}

function stamped(collection: CollectionName & DetailCollection, doc: object): AnyDoc {
	return withChannels(collection, doc as AnyDoc);
}

/** br1 and br9 are branches of org-a; br7 of org-b. */
const bureauOf = (branchId: string) =>
	({ br1: 'org-a', br9: 'org-a', br7: 'org-b' })[branchId] ?? undefined;

const member = stamped('members', aMember('m001'));
const report = stamped('reports', reported(aMember('m001')));
const review = stamped('reviews', confirm(reported(aMember('m001'))));
const checkIn = stamped('attendance', aRecord('in'));
const stranger = aMember('m900', { orgId: 'org-b', branchId: 'br7' });
const strangerReport = stamped('reports', reported(stranger));
const strangerCheckIn = stamped(
	'attendance',
	aRecord('in', { memberId: 'm900', orgId: 'org-b', branchId: 'br7' })
);

describe('the office’s detail grant', () => {
	it('adds the member’s own channel for records about a member of its bureau', () => {
		expect(officeDetailGrant(office, 'members', member, bureauOf)).toEqual(['member:m001']);
		expect(officeDetailGrant(office, 'reports', report, bureauOf)).toEqual(['member:m001']);
		expect(officeDetailGrant(office, 'attendance', checkIn, bureauOf)).toEqual([
			'member:m001/2026'
		]);
	});

	it('adds nothing for another bureau’s member, nor for other roles', () => {
		expect(officeDetailGrant(otherOffice, 'reports', report, bureauOf)).toEqual([]);
		expect(officeDetailGrant(office, 'reports', strangerReport, bureauOf)).toEqual([]);
		expect(officeDetailGrant(secretary, 'reports', report, bureauOf)).toEqual([]);
		expect(officeDetailGrant(owner, 'members', member, bureauOf)).toEqual([]);
	});

	it('adds an activity hosted by a branch of its bureau, in the activity’s year', () => {
		const hosted = stamped('activities', aBranchActivity({ hostBranchId: 'br9' }));
		expect(officeDetailGrant(office, 'activities', hosted, bureauOf)).toEqual(['branch:br9/2026']);
		expect(officeDetailGrant(otherOffice, 'activities', hosted, bureauOf)).toEqual([]);
		const community = stamped('activities', anActivity());
		expect(officeDetailGrant(office, 'activities', community, bureauOf)).toEqual([]);
	});
});

describe('who reads a member’s records in detail', () => {
	const records: [DetailCollection, AnyDoc][] = [
		['members', member],
		['reports', report],
		['reviews', review],
		['attendance', checkIn]
	];

	it('the office of the member’s bureau, the member’s secretary and the member themself', () => {
		for (const actor of [office, secretary, owner]) {
			for (const [collection, doc] of records) {
				expect(mayReadDetail(callerOf(actor), collection, doc, bureauOf), actor.username).toBe(
					true
				);
			}
		}
	});

	it('not another bureau’s office, nor another member of the same branch', () => {
		for (const actor of [otherOffice, otherMember]) {
			for (const [collection, doc] of records) {
				expect(mayReadDetail(callerOf(actor), collection, doc, bureauOf)).toBe(false);
			}
		}
	});

	it('the office: not another bureau’s member’s records', () => {
		expect(mayReadDetail(callerOf(office), 'reports', strangerReport, bureauOf)).toBe(false);
		expect(mayReadDetail(callerOf(office), 'attendance', strangerCheckIn, bureauOf)).toBe(false);
	});

	it('community staff only what their session already reads: the reports to their community', () => {
		const caller = callerOf(staff);
		expect(mayReadDetail(caller, 'members', member, bureauOf)).toBe(true);
		expect(mayReadDetail(caller, 'reports', report, bureauOf)).toBe(true);
		const toOther = stamped('reports', { ...reported(aMember('m001')), communityId: 'cm5' });
		expect(mayReadDetail(caller, 'reports', toOther, bureauOf)).toBe(false);
	});
});

describe('who reads an activity in detail', () => {
	it('the office of the host branch’s bureau; not another office', () => {
		const hosted = stamped('activities', aBranchActivity({ hostBranchId: 'br9' }));
		expect(mayReadDetail(callerOf(office), 'activities', hosted, bureauOf)).toBe(true);
		expect(mayReadDetail(callerOf(otherOffice), 'activities', hosted, bureauOf)).toBe(false);
	});

	it('the office: of an activity’s attendance, only its own bureau’s members', () => {
		// Hosted by br1 of org-a, so the records carry `branch:br1/2026` — not granted to the office.
		const atHosted = stamped(
			'attendance',
			aRecord('in', {
				activityId: 'act-hosted',
				hostBranchId: 'br1',
				memberId: 'm900',
				orgId: 'org-b',
				branchId: 'br7'
			})
		);
		expect(mayReadDetail(callerOf(office), 'attendance', atHosted, bureauOf)).toBe(false);
		expect(mayReadDetail(callerOf(otherOffice), 'attendance', atHosted, bureauOf)).toBe(true);
	});
});

describe('the office’s detail of service records (issue 17)', () => {
	const fields = (doc: object) => doc as Record<string, unknown>;
	const ownRecord = (who = aMember('m001')) =>
		ownRecordOf({
			member: who,
			by: 'member1',
			key: 'abc123def',
			values: {
				at: '2026-10-03T02:00:00.000Z',
				minutes: 90,
				description: '社区服务',
				communityId: 'cm2',
				category: 'service',
				photos: []
			},
			now: NOW
		});

	it('reads a member’s records and approvals in the member’s channel of their year', () => {
		const record = ownRecord();
		const approval = approvalOf(record, 'secretary1', { decision: 'approved' }, NOW);
		expect(officeDetailGrant(office, 'reports', fields(record), bureauOf)).toEqual([
			'member:m001',
			'member:m001/2026'
		]);
		expect(mayReadDetail(callerOf(office), 'reports', fields(record), bureauOf)).toBe(true);
		expect(mayReadDetail(callerOf(office), 'reviews', fields(approval), bureauOf)).toBe(true);
	});

	it('not another bureau’s member’s, nor the member’s branch or community channels', () => {
		const record = ownRecord(stranger);
		expect(officeDetailGrant(office, 'reports', fields(record), bureauOf)).toEqual([]);
		expect(mayReadDetail(callerOf(office), 'reports', fields(record), bureauOf)).toBe(false);
		expect(mayReadDetail(callerOf(otherOffice), 'reports', fields(ownRecord()), bureauOf)).toBe(
			false
		);
		expect(officeDetailGrant(office, 'reports', fields(ownRecord()), bureauOf)).not.toContain(
			'branch:br1/2026'
		);
	});
});
