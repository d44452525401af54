import type { Community } from '../registry';

export interface CommunityChoice {
	community: Community;
	/** Names from the top of the tree down to the community, e.g. 昌吉市 › 宁边路街道 › 丰收社区. */
	path: string[];
}

/** The names above a node, top first; stops at a missing parent or a cycle in bad data. */
function pathOf(node: Community, byId: ReadonlyMap<string, Community>): string[] {
	const names = [node.name];
	const seen = new Set([node.id]);
	let parentId = node.parentId;
	while (parentId && !seen.has(parentId)) {
		const parent = byId.get(parentId);
		if (!parent) break;
		names.unshift(parent.name);
		seen.add(parentId);
		parentId = parent.parentId;
	}
	return names;
}

/**
 * The communities a member can report to, matching a search: the query may name the community
 * or any place above it (searching a street lists its communities). Ordered by their path.
 */
export function searchCommunities(all: readonly Community[], query: string): CommunityChoice[] {
	const byId = new Map(all.map((c) => [c.id, c]));
	const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
	return all
		.filter((c) => c.kind === 'community')
		.map((community) => ({ community, path: pathOf(community, byId) }))
		.filter(({ path }) => {
			const text = path.join(' ').toLowerCase();
			return words.every((word) => text.includes(word));
		})
		.sort((a, b) => a.path.join('/').localeCompare(b.path.join('/'), 'zh-CN'));
}

/** Choices grouped under the place directly above them (the street), in order. */
export function groupByParent(
	choices: readonly CommunityChoice[]
): { parent: string; choices: CommunityChoice[] }[] {
	const groups = new Map<string, CommunityChoice[]>();
	for (const choice of choices) {
		const parent = choice.path.slice(0, -1).join(' › ');
		groups.set(parent, [...(groups.get(parent) ?? []), choice]);
	}
	return [...groups].map(([parent, grouped]) => ({ parent, choices: grouped }));
}
