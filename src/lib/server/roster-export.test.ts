import { describe, expect, it } from 'vitest';
import type { Community } from '../domain/directory/communities';
import type { Org } from '../domain/directory/orgs';
import type { Member } from '../domain/people/members';
import { exportedMembers } from './roster-export';
import type { ExistingState } from './roster-existing';

const AT = '2026-11-20T04:00:00.000Z';
const place = (
	id: string,
	kind: Community['kind'],
	name: string,
	parentId?: string
): Community => ({
	id,
	kind,
	name,
	...(parentId ? { parentId } : {}),
	updatedAt: AT,
	channels: ['public']
});
const branch = (id: string, name: string, secretaryMemberId?: string): Org => ({
	id,
	kind: 'branch',
	name,
	parentId: 'org-a',
	...(secretaryMemberId ? { secretaryMemberId } : {}),
	updatedAt: AT,
	channels: ['public']
});
const member = (id: string, name: string, branchId: string, residence?: string): Member => ({
	id,
	orgId: 'org-a',
	branchId,
	name,
	...(residence ? { residenceCommunityId: residence } : {}),
	skills: [],
	interests: [],
	duties: [],
	updatedAt: AT,
	channels: []
});

function state(): ExistingState {
	return {
		existing: {
			bureauId: 'org-a',
			communities: [
				place('st1', 'street', '宁边路街道'),
				place('cm1', 'community', '丰收社区', 'st1')
			],
			orgs: [branch('br2', '第二支部', 'm2'), branch('br1', '第一支部')],
			members: [
				{
					member: member('m2', '乙', 'br2', 'cm1'),
					contact: {
						id: 'm2',
						memberId: 'm2',
						branchId: 'br2',
						phone: '13812345678',
						idNumber: '65230119900101001X',
						updatedAt: AT,
						channels: []
					},
					account: { username: 'member2', roles: [{ role: 'member' }] }
				},
				{
					member: member('m1', '甲', 'br1'),
					contact: null,
					account: {
						username: 'member1',
						roles: [{ role: 'member' }, { role: 'secretary', branchId: 'br1' }]
					}
				},
				{ member: member('m3', '丙', 'br1'), contact: null, account: null }
			],
			mobilesElsewhere: new Set(['13900000000'])
		},
		stored: new Map(),
		fingerprint: 'f',
		activated: new Set(['m2'])
	};
}

describe('exportedMembers', () => {
	it('lists members by branch and name (as a dictionary sorts them), mobiles masked, no ID numbers', () => {
		const rows = exportedMembers(state());
		expect(rows).toEqual([
			{
				name: '乙',
				branch: '第二支部',
				mobile: '138****5678',
				residence: '宁边路街道/丰收社区',
				roles: '党员、支部书记',
				username: 'member2',
				activated: true
			},
			{
				name: '丙',
				branch: '第一支部',
				mobile: '',
				residence: '',
				roles: '党员',
				username: '',
				activated: false
			},
			{
				name: '甲',
				branch: '第一支部',
				mobile: '',
				residence: '',
				roles: '党员、支部书记',
				username: 'member1',
				activated: false
			}
		]);
		expect(JSON.stringify(rows)).not.toContain('65230119900101001X');
	});
});
