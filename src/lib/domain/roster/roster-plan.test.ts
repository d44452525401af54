import { describe, expect, it } from 'vitest';
import { sameChannels } from '../access/channels';
import type { RoleGrant } from '../access/roles';
import { checkWrite } from '../access/write-policy';
import type { Community } from '../directory/communities';
import type { Org } from '../directory/orgs';
import { contacts as contactKind, type Contact } from '../people/contacts';
import type { Member } from '../people/members';
import { validateAgainst } from '../schema/schema-validation';
import {
	planRoster,
	type ExistingRoster,
	type PlannedAccount,
	type PlanOptions,
	type RosterPlan
} from './roster-plan';
import type { MemberRow, Roster } from './roster-rows';

const NOW = '2026-06-01T04:00:00.000Z';
const BUREAU = 'org-a';

function options(now = NOW): PlanOptions {
	const counters = { cm: 0, br: 0, m: 0 };
	return {
		now,
		by: 'office1',
		newId: (prefix) => `${prefix}-new-${++counters[prefix]}-${now.slice(11, 13)}`
	};
}

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
	updatedAt: '2026-01-01T00:00:00.000Z',
	channels: ['public']
});

/** The demo's tree: a county at the root, as stored before cities were kept. */
const demoTree = [
	place('cm-city', 'county', '昌吉市'),
	place('st1', 'street', '宁边路街道', 'cm-city'),
	place('cm1', 'community', '丰收社区', 'st1'),
	place('cm2', 'community', '天山社区', 'st1')
];

const bureau: Org = {
	id: BUREAU,
	kind: 'bureau',
	name: '州住建局',
	updatedAt: '2026-01-01T00:00:00.000Z',
	channels: ['public']
};

function emptyBureau(overrides: Partial<ExistingRoster> = {}): ExistingRoster {
	return {
		bureauId: BUREAU,
		communities: demoTree,
		orgs: [bureau],
		members: [],
		mobilesElsewhere: new Set(),
		...overrides
	};
}

const member = (
	row: number,
	name: string,
	mobile: string,
	more: Partial<MemberRow> = {}
): MemberRow => ({
	row,
	name,
	branch: '第一党支部',
	mobile,
	secretary: false,
	...more
});

function roster(overrides: Partial<Roster> = {}): Roster {
	return {
		communities: [
			{ row: 2, city: '昌吉州', district: '昌吉市', street: '宁边路街道', community: '丰收社区' },
			{ row: 3, city: '昌吉州', district: '昌吉市', street: '延安北路街道', community: '延安社区' }
		],
		branches: [
			{ row: 2, name: '第一党支部', linkedCommunity: '宁边路街道/丰收社区' },
			{ row: 3, name: '第二党支部' }
		],
		members: [
			member(2, '张三', '13812345678', {
				secretary: true,
				idNumber: '652301199001011235',
				residence: '延安社区'
			}),
			member(3, '李四', '13912345678'),
			member(4, '王五', '13712345678', { branch: '第二党支部' })
		],
		...overrides
	};
}

type DocOf = Record<string, unknown> & { id: string; channels: string[] };

/** The bureau's state once a plan's writes are stored, as the server would read it back. */
function apply(existing: ExistingRoster, plan: RosterPlan): ExistingRoster {
	const directory = new Map<string, DocOf>(
		[...existing.communities, ...existing.orgs].map((doc) => [doc.id, doc as unknown as DocOf])
	);
	const members = new Map(existing.members.map((e) => [e.member.id, e.member]));
	const contacts = new Map<string, Contact>();
	const accounts = new Map<string, PlannedAccount>();
	for (const e of existing.members) {
		if (e.contact) contacts.set(e.member.id, e.contact);
		if (e.account) accounts.set(e.member.id, e.account as PlannedAccount);
	}
	for (const write of plan.writes) {
		if (write.database === 'accounts') accounts.set(write.account.memberId, write.account);
		else if (write.database === 'directory')
			directory.set(String(write.doc['id']), write.doc as DocOf);
		else if (write.database === 'members')
			members.set(String(write.doc['id']), write.doc as unknown as Member);
		else contacts.set(String(write.doc['id']), write.doc as unknown as Contact);
	}
	const docs = [...directory.values()];
	return {
		...existing,
		communities: docs.filter((d) =>
			['city', 'county', 'street', 'community'].includes(String(d['kind']))
		) as unknown as Community[],
		orgs: docs.filter((d) => d['kind'] === 'bureau' || d['kind'] === 'branch') as unknown as Org[],
		members: [...members.values()].map((m) => ({
			member: m,
			contact: contacts.get(m.id) ?? null,
			account: accounts.get(m.id) ?? null
		}))
	};
}

const office = {
	username: 'office1',
	orgId: BUREAU,
	roles: [{ role: 'office' as const, orgId: BUREAU }]
};

/** Every document the plan writes is one the kinds accept: schema, channels, the office's policy. */
function expectValidDocs(plan: RosterPlan, existing: ExistingRoster) {
	const stored = new Map<string, unknown>(
		[...existing.communities, ...existing.orgs].map((d) => [d.id, d])
	);
	for (const e of existing.members) stored.set(`m/${e.member.id}`, e.member);
	for (const write of plan.writes) {
		if (write.database === 'accounts') continue;
		const doc = write.doc as DocOf;
		if (write.database === 'contacts') {
			expect(validateAgainst(contactKind.schema, doc), doc.id).toBeNull();
			expect(sameChannels(doc.channels, contactKind.channelsOf(doc as unknown as Contact))).toBe(
				true
			);
			continue;
		}
		const key = write.database === 'members' ? `m/${doc.id}` : doc.id;
		const verdict = checkWrite({
			collection: write.database,
			actor: office,
			prev: (stored.get(key) as DocOf | undefined) ?? null,
			next: doc,
			deleting: false,
			subject: null,
			relatedComplete: false,
			now: new Date(NOW)
		});
		expect(verdict, `${write.database}/${doc.id}`).toEqual({ ok: true });
		stored.set(key, doc);
	}
}

const docsOf = (plan: RosterPlan, database: string) =>
	plan.writes.flatMap((w) => (w.database === database && 'doc' in w ? [w.doc as DocOf] : []));
const accountsOf = (plan: RosterPlan) =>
	plan.writes.flatMap((w) => (w.database === 'accounts' ? [w.account] : []));

describe('planRoster on a bureau without members', () => {
	const existing = emptyBureau();
	const plan = planRoster(roster(), existing, options());

	it('finds no problem', () => {
		expect(plan.problems).toEqual([]);
	});

	it('puts the stored county under the new city and adds the missing places, parents first', () => {
		const places = docsOf(plan, 'directory').filter((d) => d['kind'] !== 'branch');
		expect(places.map((d) => [d['kind'], d['name'], d['parentId']])).toEqual([
			['city', '昌吉州', undefined],
			['county', '昌吉市', 'cm-new-1-04'],
			['street', '延安北路街道', 'cm-city'],
			['community', '延安社区', 'cm-new-2-04']
		]);
		expect(places[1]?.['id']).toBe('cm-city');
	});

	it('creates the branches under the bureau, the first linked to its community with the link on record', () => {
		const branches = docsOf(plan, 'directory').filter((d) => d['kind'] === 'branch');
		const first = branches.find((b) => b['name'] === '第一党支部' && !b['secretaryMemberId']);
		expect(first).toMatchObject({
			parentId: BUREAU,
			linkedCommunityId: 'cm1',
			linkHistory: [{ communityId: 'cm1', from: NOW, by: 'office1' }],
			updatedAt: NOW,
			channels: ['public']
		});
	});

	it('creates each member with profile, contact and account, the secretary set last on the branch', () => {
		const members = docsOf(plan, 'members');
		expect(members.map((m) => m['name'])).toEqual(['张三', '李四', '王五']);
		const zhang = members[0];
		expect(zhang).toMatchObject({
			orgId: BUREAU,
			duties: ['secretary'],
			residenceCommunityId: 'cm-new-3-04',
			skills: [],
			interests: []
		});
		const contacts = docsOf(plan, 'contacts');
		expect(contacts[0]).toMatchObject({
			id: zhang?.['id'],
			memberId: zhang?.['id'],
			phone: '13812345678',
			idNumber: '652301199001011235'
		});
		const accounts = accountsOf(plan);
		expect(accounts[0]).toEqual({
			username: 'm-new-1-04',
			displayName: '张三',
			memberId: 'm-new-1-04',
			branchId: zhang?.['branchId'],
			orgId: BUREAU,
			roles: [{ role: 'member' }, { role: 'secretary', branchId: zhang?.['branchId'] }]
		});
		expect(accounts[1]?.roles).toEqual([{ role: 'member' }]);
		const last = plan.writes.at(-1);
		expect(last?.database).toBe('directory');
		expect(last && 'doc' in last ? last.doc['secretaryMemberId'] : null).toBe('m-new-1-04');
	});

	it('orders the writes: places, branches, members, contacts, accounts, secretaries', () => {
		const order = plan.writes.map((w) =>
			w.database === 'directory' ? (w.doc['kind'] === 'branch' ? 'branch' : 'place') : w.database
		);
		const runs = order.filter((kind, i) => kind !== order[i - 1]);
		expect(runs).toEqual(['place', 'branch', 'members', 'contacts', 'accounts', 'branch']);
	});

	it('writes only documents the kinds accept', () => {
		expectValidDocs(plan, existing);
	});

	it('sums up and lists every row as created', () => {
		expect(plan.summary).toEqual({
			communities: { create: 1, update: 1, unchanged: 0 },
			branches: { create: 2, update: 0, unchanged: 0 },
			members: { create: 3, update: 0, unchanged: 0 }
		});
		expect(plan.changes.find((c) => c.table === 'members' && c.row === 3)).toEqual({
			table: 'members',
			row: 3,
			change: 'create',
			fields: [],
			label: '李四（第一党支部）'
		});
		expect(JSON.stringify(plan.changes)).not.toMatch(/1381234/);
		expect(plan.untouchedMembers).toBe(0);
	});
});

describe('planning again', () => {
	it('finds nothing to write once the plan is applied', () => {
		const first = planRoster(roster(), emptyBureau(), options());
		const after = apply(emptyBureau(), first);
		const again = planRoster(roster(), after, options('2026-06-02T05:00:00.000Z'));
		expect(again.problems).toEqual([]);
		expect(again.writes).toEqual([]);
		expect(again.changes).toEqual([]);
		expect(again.summary).toEqual({
			communities: { create: 0, update: 0, unchanged: 2 },
			branches: { create: 0, update: 0, unchanged: 2 },
			members: { create: 0, update: 0, unchanged: 3 }
		});
	});

	it('updates only the changed rows, and only their changed fields', () => {
		const after = apply(emptyBureau(), planRoster(roster(), emptyBureau(), options()));
		const changed = roster({
			members: [
				member(2, '张三', '13812345678', {
					secretary: true,
					idNumber: '652301199001011235',
					residence: '延安社区'
				}),
				// Moved branch; typed with full-width digits this time.
				member(3, '李四', '１３９ １２３４ ５６７８', { branch: '第二党支部' }),
				member(4, '王五', '13712345678', { branch: '第二党支部' }),
				member(5, '赵六', '13612345678')
			]
		});
		const plan = planRoster(changed, after, options('2026-06-02T05:00:00.000Z'));
		expect(plan.problems).toEqual([]);
		expect(plan.changes.map((c) => [c.row, c.change, c.fields])).toEqual([
			[3, 'update', ['所在支部']],
			[5, 'create', []]
		]);
		const li = after.members.find((e) => e.member.name === '李四');
		const members = docsOf(plan, 'members');
		expect(members.map((m) => m['name'])).toEqual(['李四', '赵六']);
		expect(members[0]).toMatchObject({ id: li?.member.id, updatedAt: '2026-06-02T05:00:00.000Z' });
		expect(accountsOf(plan).map((a) => a.displayName)).toEqual(['李四', '赵六']);
		expect(plan.summary.members).toEqual({ create: 1, update: 1, unchanged: 2 });
		expectValidDocs(plan, after);
	});

	it('keeps what the file leaves blank and what only the member or others set', () => {
		const stored: Member = {
			id: 'm001',
			orgId: BUREAU,
			branchId: 'br1',
			name: '张三',
			residenceCommunityId: 'cm2',
			skills: ['medical'],
			interests: ['reading'],
			duties: ['committee'],
			updatedAt: '2026-01-01T00:00:00.000Z',
			channels: []
		};
		const roles: RoleGrant[] = [
			{ role: 'member' },
			{ role: 'community_staff', communityId: 'cm2' }
		];
		const existing = emptyBureau({
			orgs: [
				bureau,
				{ ...bureau, id: 'br1', kind: 'branch', name: '第一党支部', parentId: BUREAU }
			],
			members: [
				{
					member: stored,
					contact: {
						id: 'm001',
						memberId: 'm001',
						branchId: 'br1',
						residenceCommunityId: 'cm2',
						phone: '13812345678',
						idNumber: '652301199001011235',
						updatedAt: '2026-01-01T00:00:00.000Z',
						channels: []
					},
					account: {
						username: 'member1',
						displayName: '张三',
						memberId: 'm001',
						branchId: 'br1',
						orgId: BUREAU,
						roles
					}
				}
			]
		});
		const plan = planRoster(
			{
				communities: [],
				branches: [],
				members: [member(2, '张三', '13812345678', { secretary: true })]
			},
			existing,
			options()
		);
		expect(plan.problems).toEqual([]);
		const [profile] = docsOf(plan, 'members');
		expect(profile).toMatchObject({
			residenceCommunityId: 'cm2',
			skills: ['medical'],
			duties: ['committee', 'secretary']
		});
		expect(docsOf(plan, 'contacts')).toEqual([]);
		expect(accountsOf(plan)[0]).toMatchObject({
			username: 'member1',
			roles: [
				{ role: 'member' },
				{ role: 'secretary', branchId: 'br1' },
				{ role: 'community_staff', communityId: 'cm2' }
			]
		});
		expect(plan.changes[0]?.fields).toEqual(['角色']);
	});
});

describe('planRoster problems against the stored state', () => {
	it('refuses a mobile of another bureau’s member, masked', () => {
		const plan = planRoster(
			roster(),
			emptyBureau({ mobilesElsewhere: new Set(['13912345678']) }),
			options()
		);
		expect(plan.problems).toEqual([
			{ table: 'members', row: 3, column: '手机号', code: 'mobile-taken', value: '139****5678' }
		]);
		expect(docsOf(plan, 'contacts').map((c) => c['phone'])).not.toContain('13912345678');
	});

	it('names a branch neither in the file nor stored, for a secretary in its own words', () => {
		const plan = planRoster(
			roster({
				members: [
					member(2, '张三', '13812345678', { branch: '第九党支部', secretary: true }),
					member(3, '李四', '13912345678', { branch: '第八党支部' })
				]
			}),
			emptyBureau(),
			options()
		);
		expect(plan.problems).toEqual([
			{
				table: 'members',
				row: 2,
				column: '所在支部',
				code: 'secretary-branch-missing',
				value: '第九党支部'
			},
			{ table: 'members', row: 3, column: '所在支部', code: 'unknown-branch', value: '第八党支部' }
		]);
	});

	it('takes a secretary of a branch that is stored though not in the file', () => {
		const existing = emptyBureau({
			orgs: [bureau, { ...bureau, id: 'br9', kind: 'branch', name: '第九党支部', parentId: BUREAU }]
		});
		const plan = planRoster(
			roster({
				branches: [],
				members: [member(2, '张三', '13812345678', { branch: '第九党支部', secretary: true })]
			}),
			existing,
			options()
		);
		expect(plan.problems).toEqual([]);
		expect(docsOf(plan, 'directory').at(-1)).toMatchObject({
			id: 'br9',
			secretaryMemberId: 'm-new-1-04'
		});
	});

	it('names unknown and ambiguous communities', () => {
		const tree = [
			...demoTree,
			place('st2', 'street', '延安北路街道', 'cm-city'),
			place('cm9', 'community', '丰收社区', 'st2')
		];
		const plan = planRoster(
			roster({
				communities: [],
				branches: [
					{ row: 2, name: '第一党支部', linkedCommunity: '丰收社区' },
					{ row: 3, name: '第二党支部', linkedCommunity: '宁边路街道/幸福社区' }
				],
				members: [member(2, '张三', '13812345678', { residence: '延安北路街道/丰收社区' })]
			}),
			emptyBureau({ communities: tree }),
			options()
		);
		expect(plan.problems).toEqual([
			{
				table: 'branches',
				row: 2,
				column: '联系社区',
				code: 'ambiguous-community',
				value: '丰收社区'
			},
			{
				table: 'branches',
				row: 3,
				column: '联系社区',
				code: 'unknown-community',
				value: '宁边路街道/幸福社区'
			}
		]);
		// The member's residence names its street, so it is found; its branch was not planned.
		expect(docsOf(plan, 'members')).toEqual([]);
	});

	it('runs the file’s own checks again on a roster sent to the server', () => {
		const plan = planRoster(
			roster({
				members: [
					member(2, '张三', 'not a mobile'),
					member(3, '李四', '13912345678', { idNumber: '1' })
				]
			}),
			emptyBureau(),
			options()
		);
		expect(plan.problems.map((p) => p.code)).toEqual(['bad-mobile', 'bad-id-number']);
		expect(docsOf(plan, 'members')).toEqual([]);
	});

	it('counts the stored members the file does not list', () => {
		const after = apply(emptyBureau(), planRoster(roster(), emptyBureau(), options()));
		const plan = planRoster(roster({ members: [] }), after, options());
		expect(plan.untouchedMembers).toBe(3);
		expect(plan.writes).toEqual([]);
	});
});

describe('planRoster at scale', () => {
	// A hang guard, not a timing threshold: on a loaded 2-core machine this took 6 s (bench/ times it).
	it(
		'plans 20,000 members into a stored bureau of 20,000 in one pass over maps',
		{ timeout: 60_000 },
		() => {
			const members = Array.from({ length: 20_000 }, (_, i) =>
				member(i + 2, `党员${i}`, `138${String(i).padStart(8, '0')}`, {
					branch: `第${i % 50}党支部`,
					residence: i % 2 ? '宁边路街道/丰收社区' : '天山社区'
				})
			);
			const file: Roster = {
				communities: [],
				branches: Array.from({ length: 50 }, (_, i) => ({ row: i + 2, name: `第${i}党支部` })),
				members
			};
			const first = planRoster(file, emptyBureau(), options());
			expect(first.problems).toEqual([]);
			expect(first.summary.members.create).toBe(20_000);
			const after = apply(emptyBureau(), first);
			const again = planRoster(file, after, options());
			expect(again.writes).toHaveLength(0);
		}
	);
});

describe('branches and secretaries already stored', () => {
	const stored: Org = {
		...bureau,
		id: 'br1',
		kind: 'branch',
		name: '第一党支部',
		parentId: BUREAU,
		linkedCommunityId: 'cm2',
		linkHistory: [{ communityId: 'cm2', from: '2026-01-01T00:00:00.000Z', by: 'office1' }],
		secretaryMemberId: 'm001'
	};
	const secretary: Member = {
		id: 'm001',
		orgId: BUREAU,
		branchId: 'br1',
		name: '张三',
		skills: [],
		interests: [],
		duties: ['secretary'],
		updatedAt: '2026-01-01T00:00:00.000Z',
		channels: []
	};
	const existing = emptyBureau({
		orgs: [bureau, stored],
		members: [
			{
				member: secretary,
				contact: {
					id: 'm001',
					memberId: 'm001',
					branchId: 'br1',
					phone: '13812345678',
					updatedAt: '2026-01-01T00:00:00.000Z',
					channels: []
				},
				account: {
					username: 'secretary1',
					displayName: '张三',
					memberId: 'm001',
					branchId: 'br1',
					orgId: BUREAU,
					roles: [{ role: 'secretary', branchId: 'br1' }, { role: 'member' }]
				}
			}
		]
	});

	it('moves a branch to another community by appending to its link history', () => {
		const plan = planRoster(
			{
				communities: [],
				branches: [{ row: 2, name: '第一党支部', linkedCommunity: '丰收社区' }],
				members: [member(2, '张三', '13812345678', { secretary: true })]
			},
			existing,
			options()
		);
		expect(plan.problems).toEqual([]);
		expect(plan.writes).toHaveLength(1);
		expect(docsOf(plan, 'directory')[0]).toMatchObject({
			id: 'br1',
			linkedCommunityId: 'cm1',
			secretaryMemberId: 'm001',
			linkHistory: [
				{ communityId: 'cm2', from: '2026-01-01T00:00:00.000Z', by: 'office1' },
				{ communityId: 'cm1', from: NOW, by: 'office1' }
			]
		});
		expect(plan.changes).toEqual([
			{ table: 'branches', row: 2, change: 'update', fields: ['联系社区'], label: '第一党支部' }
		]);
		expectValidDocs(plan, existing);
	});

	it('takes the secretary duty, role and branch post from a secretary the file lists as a plain member', () => {
		const plan = planRoster(
			{ communities: [], branches: [], members: [member(2, '张三', '13812345678')] },
			existing,
			options()
		);
		expect(docsOf(plan, 'members')[0]?.['duties']).toEqual([]);
		expect(accountsOf(plan)[0]?.roles).toEqual([{ role: 'member' }]);
		const branch = docsOf(plan, 'directory')[0];
		expect(branch?.['id']).toBe('br1');
		expect(branch).not.toHaveProperty('secretaryMemberId');
		expect(plan.changes[0]?.fields).toEqual(['角色']);
		expectValidDocs(plan, existing);
	});

	it('moves a secretary to another branch: the old branch has none, the new one them', () => {
		const withSecond = {
			...existing,
			orgs: [
				...existing.orgs,
				{ ...stored, id: 'br2', name: '第二党支部', secretaryMemberId: undefined }
			]
		};
		delete withSecond.orgs[2]?.secretaryMemberId;
		const plan = planRoster(
			{
				communities: [],
				branches: [],
				members: [member(2, '张三', '13812345678', { branch: '第二党支部', secretary: true })]
			},
			withSecond,
			options()
		);
		const branches = docsOf(plan, 'directory');
		expect(branches.map((b) => [b['id'], b['secretaryMemberId']])).toEqual([
			['br1', undefined],
			['br2', 'm001']
		]);
		expect(accountsOf(plan)[0]?.roles).toEqual([
			{ role: 'member' },
			{ role: 'secretary', branchId: 'br2' }
		]);
	});

	it('changes nothing when the file says what is stored', () => {
		const plan = planRoster(
			{
				communities: [],
				branches: [{ row: 2, name: '第一党支部' }],
				members: [member(2, '张三', '13812345678', { secretary: true })]
			},
			existing,
			options()
		);
		expect(plan.writes).toEqual([]);
		expect(plan.summary.branches.unchanged).toBe(1);
	});
});
