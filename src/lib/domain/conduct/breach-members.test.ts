import { describe, expect, it } from 'vitest';
import { unitReport } from '../../../test-data/breach-fixtures';
import { knownMembers } from './breach-members';

describe('known members', () => {
	it('lists the members reporting to the community once each, by name', () => {
		const residence = unitReport({
			id: 'm002.residence.cm2',
			kind: 'residence',
			memberId: 'm002',
			memberName: '艾力'
		});
		const unnamed = unitReport({ id: 'm003.unit.cm2', memberId: 'm003' });
		delete (unnamed as { memberName?: string }).memberName;
		const elsewhere = unitReport({ id: 'm004.unit.cm9', memberId: 'm004', communityId: 'cm9' });
		const members = knownMembers(
			[unitReport(), residence, unitReport(), unnamed, elsewhere, { kind: 'service-record' }],
			'cm2',
			[{ id: 'm003', name: '张华' }]
		);
		expect(members.map((m) => [m.memberId, m.memberName])).toEqual([
			['m002', '艾力'],
			['m001', '李明'],
			['m003', '张华']
		]);
		expect(members[1]).toEqual({
			memberId: 'm001',
			memberName: '李明',
			branchId: 'br1',
			orgId: 'org-a'
		});
	});
});
