import { describe, expect, it } from 'vitest';
import type { Community } from '../registry';
import { groupByParent, searchCommunities } from './community-tree';

const at = '2024-01-01T00:00:00.000Z';
const node = (id: string, kind: Community['kind'], name: string, parentId?: string): Community => ({
	id,
	kind,
	name,
	updatedAt: at,
	channels: ['public'],
	...(parentId ? { parentId } : {})
});

const tree = [
	node('city', 'county', '昌吉市'),
	node('st1', 'street', '宁边路街道', 'city'),
	node('st2', 'street', '延安北路街道', 'city'),
	node('cm2', 'community', '天山社区', 'st1'),
	node('cm1', 'community', '丰收社区', 'st1'),
	node('cm5', 'community', '延安社区', 'st2')
];

describe('searchCommunities', () => {
	it('lists only communities, each with its path, when the query is empty', () => {
		const choices = searchCommunities(tree, '  ');
		expect(choices.map((c) => c.community.id).sort()).toEqual(['cm1', 'cm2', 'cm5']);
		expect(choices.find((c) => c.community.id === 'cm1')?.path).toEqual([
			'昌吉市',
			'宁边路街道',
			'丰收社区'
		]);
	});

	it('finds a community by its own name', () => {
		expect(searchCommunities(tree, '天山').map((c) => c.community.id)).toEqual(['cm2']);
	});

	it('finds the communities of a street by the street name', () => {
		expect(
			searchCommunities(tree, '宁边路')
				.map((c) => c.community.id)
				.sort()
		).toEqual(['cm1', 'cm2']);
	});

	it('needs every word of the query', () => {
		expect(searchCommunities(tree, '延安 社区').map((c) => c.community.id)).toEqual(['cm5']);
		expect(searchCommunities(tree, '延安 丰收')).toEqual([]);
	});

	it('survives a missing parent and a cycle', () => {
		const broken = [
			node('a', 'community', '甲社区', 'missing'),
			node('b', 'community', '乙社区', 'c'),
			node('c', 'street', '丙街道', 'b')
		];
		const paths = searchCommunities(broken, '').map((c) => c.path);
		expect(paths).toContainEqual(['甲社区']);
		expect(paths).toContainEqual(['丙街道', '乙社区']);
	});
});

describe('a tree with cities above its counties', () => {
	const withCity = [
		node('zhou', 'city', '昌吉州'),
		{ ...node('city', 'county', '昌吉市'), parentId: 'zhou' },
		...tree.slice(1)
	];

	it('shows the path from the county down, and keeps the city apart', () => {
		const choice = searchCommunities(withCity, '').find((c) => c.community.id === 'cm1');
		expect(choice?.path).toEqual(['昌吉市', '宁边路街道', '丰收社区']);
		expect(choice?.city).toBe('昌吉州');
	});

	it('finds communities by their city too', () => {
		expect(searchCommunities(withCity, '昌吉州 天山').map((c) => c.community.id)).toEqual(['cm2']);
	});

	it('groups under 区 › 街道 as before', () => {
		const groups = groupByParent(searchCommunities(withCity, ''));
		expect(groups.map((g) => g.parent).sort()).toEqual([
			'昌吉市 › 宁边路街道',
			'昌吉市 › 延安北路街道'
		]);
	});
});

describe('groupByParent', () => {
	it('groups communities under their street, keeping order', () => {
		const groups = groupByParent(searchCommunities(tree, ''));
		expect(groups.map((g) => g.parent)).toHaveLength(2);
		expect(groups.every((g) => g.choices.length > 0)).toBe(true);
		const st1 = groups.find((g) => g.parent === '昌吉市 › 宁边路街道');
		expect(st1?.choices.map((c) => c.community.id).sort()).toEqual(['cm1', 'cm2']);
	});
});
