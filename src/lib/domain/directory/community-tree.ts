import type { Community } from '../registry';

export interface CommunityChoice {
	community: Community;
	/**
	 * Names from the county down to the community, e.g. 昌吉市 › 宁边路街道 › 丰收社区: the city
	 * above is the same for nearly everyone, so it is searched but not shown.
	 */
	path: string[];
	/** The city the community lies in, when the tree has one. */
	city?: string;
}

/** The places from the top of the tree down to a node; stops at a missing parent or a cycle. */
function lineOf(node: Community, byId: ReadonlyMap<string, Community>): Community[] {
	const line = [node];
	const seen = new Set([node.id]);
	let parentId = node.parentId;
	while (parentId && !seen.has(parentId)) {
		const parent = byId.get(parentId);
		if (!parent) break;
		line.unshift(parent);
		seen.add(parentId);
		parentId = parent.parentId;
	}
	return line;
}

function choiceOf(community: Community, byId: ReadonlyMap<string, Community>): CommunityChoice {
	const line = lineOf(community, byId);
	const city = line.find((place) => place.kind === 'city');
	return {
		community,
		path: line.filter((place) => place.kind !== 'city').map((place) => place.name),
		...(city ? { city: city.name } : {})
	};
}

/**
 * The communities a member can report to, matching a search: the query may name the community
 * or any place above it (searching a street or city lists its communities). Ordered by their path.
 */
export function searchCommunities(all: readonly Community[], query: string): CommunityChoice[] {
	const byId = new Map(all.map((c) => [c.id, c]));
	const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
	return all
		.filter((c) => c.kind === 'community')
		.map((community) => choiceOf(community, byId))
		.filter(({ path, city }) => {
			const text = [city ?? '', ...path].join(' ').toLowerCase();
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
