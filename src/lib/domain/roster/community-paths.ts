import type { Community } from '../directory/communities';

/**
 * The community tree as an import sees it, its planned places included: places found by parent
 * and name, communities by the names on their path. Kept up to date as places are added.
 */
export class PlaceIndex {
	readonly byId = new Map<string, Community>();
	private readonly children = new Map<string, Community>();
	private readonly communitiesByName = new Map<string, Community[]>();

	constructor(places: readonly Community[]) {
		for (const place of places) this.put(place);
	}

	private static key(parentId: string | undefined, kind: string, name: string): string {
		return `${parentId ?? ''}\u0000${kind}\u0000${name}`;
	}

	put(place: Community): void {
		const before = this.byId.get(place.id);
		if (before) this.children.delete(PlaceIndex.key(before.parentId, before.kind, before.name));
		this.byId.set(place.id, place);
		this.children.set(PlaceIndex.key(place.parentId, place.kind, place.name), place);
		if (place.kind === 'community' && !before) {
			this.communitiesByName.set(place.name, [
				...(this.communitiesByName.get(place.name) ?? []),
				place
			]);
		}
	}

	child(
		parentId: string | undefined,
		kind: Community['kind'],
		name: string
	): Community | undefined {
		return this.children.get(PlaceIndex.key(parentId, kind, name));
	}

	/** The names above a place, nearest first; stops at a missing parent or a cycle. */
	private namesAbove(place: Community): string[] {
		const names: string[] = [];
		const seen = new Set([place.id]);
		let parent = place.parentId ? this.byId.get(place.parentId) : undefined;
		while (parent && !seen.has(parent.id)) {
			names.push(parent.name);
			seen.add(parent.id);
			parent = parent.parentId ? this.byId.get(parent.parentId) : undefined;
		}
		return names;
	}

	/**
	 * The community a roster names: "街道/社区" (or more of its path, or just its name when no
	 * other community has it). Null when none is; 'ambiguous' when several are.
	 */
	resolve(reference: string): Community | null | 'ambiguous' {
		const parts = reference
			.split(/\s*[/／\\›>]\s*/)
			.map((part) => part.trim())
			.filter(Boolean);
		const name = parts.pop();
		if (!name) return null;
		const above = parts.reverse();
		const found = (this.communitiesByName.get(name) ?? []).filter((community) => {
			const names = this.namesAbove(community);
			return above.every((part, i) => names[i] === part);
		});
		if (found.length > 1) return 'ambiguous';
		return found[0] ?? null;
	}

	/** The path a person reads: district, street, community (the city is the same for all). */
	label(place: Community): string {
		const names = this.namesAbove(place).reverse();
		return [...names.slice(-2), place.name].join('/');
	}
}
