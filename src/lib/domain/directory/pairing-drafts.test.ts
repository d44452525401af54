import { describe, expect, it } from 'vitest';
import { plainContext } from '../../../test-data/policy-fixtures';
import { office } from '../../../test-data/test-actors';
import { checkWrite } from '../access/write-policy';
import type { Community } from './communities';
import { LINK_HISTORY_MAX, type Org } from './orgs';
import { linkChangeOf, linkHistoryRows } from './pairing-drafts';

const place = (id: string, kind: Community['kind'], name: string): Community => ({
	id,
	kind,
	name,
	updatedAt: '2026-01-01T00:00:00.000Z',
	channels: ['public']
});
const communities = [
	place('st1', 'street', '宁边路街道'),
	place('cm1', 'community', '建国社区'),
	place('cm2', 'community', '文化社区')
];
const branch: Org = {
	id: 'br1',
	kind: 'branch',
	name: '第一党支部',
	parentId: 'org-a',
	linkedCommunityId: 'cm1',
	linkHistory: [{ communityId: 'cm1', from: '2025-01-01T00:00:00.000Z', by: 'office1' }],
	updatedAt: '2026-01-01T00:00:00.000Z',
	channels: ['public']
};
const now = plainContext.now;

describe('linkChangeOf', () => {
	it('sets the new link with its entry, as the policy accepts', () => {
		const result = linkChangeOf({ branch, communityId: 'cm2', communities, by: 'office1', now });
		if (!result.ok) throw new Error(result.problems.join());
		expect(result.org.linkedCommunityId).toBe('cm2');
		expect(result.org.linkHistory?.at(-1)).toEqual({
			communityId: 'cm2',
			from: now.toISOString(),
			by: 'office1'
		});
		const related = new Map([
			['directory/cm2', communities[2] as unknown as Record<string, unknown>]
		]);
		expect(
			checkWrite({
				collection: 'directory',
				actor: office,
				prev: branch as never,
				next: result.org as never,
				deleting: false,
				subject: null,
				related,
				now
			})
		).toEqual({ ok: true });
	});

	it('names what is wrong: no choice, not a community, no change, a full history', () => {
		const change = (communityId: string | undefined, of: Org = branch) =>
			linkChangeOf({ branch: of, communityId, communities, by: 'office1', now });
		expect(change(undefined)).toEqual({ ok: false, problems: ['no-community'] });
		expect(change('st1')).toEqual({ ok: false, problems: ['unknown-community'] });
		expect(change('cm9')).toEqual({ ok: false, problems: ['unknown-community'] });
		expect(change('cm1')).toEqual({ ok: false, problems: ['unchanged'] });
		const full = {
			...branch,
			linkHistory: Array.from({ length: LINK_HISTORY_MAX }, () => branch.linkHistory![0]!)
		};
		expect(change('cm2', full)).toEqual({ ok: false, problems: ['history-full'] });
		expect(change('cm2', { ...branch, kind: 'bureau' })).toEqual({
			ok: false,
			problems: ['not-branch']
		});
	});
});

describe('linkHistoryRows', () => {
	it('lists the changes latest first, each with the community before it', () => {
		const twice: Org = {
			...branch,
			linkedCommunityId: 'cm2',
			linkHistory: [
				...(branch.linkHistory ?? []),
				{ communityId: 'cm2', from: '2026-03-01T00:00:00.000Z', by: 'office1' }
			]
		};
		expect(linkHistoryRows(twice)).toEqual([
			{
				from: '2026-03-01T00:00:00.000Z',
				by: 'office1',
				previousCommunityId: 'cm1',
				communityId: 'cm2',
				current: true
			},
			{
				from: '2025-01-01T00:00:00.000Z',
				by: 'office1',
				previousCommunityId: null,
				communityId: 'cm1',
				current: false
			}
		]);
		expect(linkHistoryRows({ ...branch, linkHistory: undefined })).toEqual([]);
	});
});
