import type { PublicStory, PublicStorySummary } from '../domain/stories/public-story';

/*
 * The public stories page's reads (no session): the published stories from the server, which
 * answers only what the office published. Online only: the page says so when there is no network.
 */

export type { PublicStory, PublicStorySummary };

export type PublicFailure = 'offline' | 'not-found' | 'busy' | 'failed';
export type PublicAnswer<T> = { ok: true; value: T } | { ok: false; failure: PublicFailure };

const BASE = '/api/public/stories';

/** Whether the browser says it has no network. */
const offline = () => globalThis.navigator?.onLine === false;

async function read<T>(path: string, pick: (body: unknown) => T): Promise<PublicAnswer<T>> {
	if (offline()) return { ok: false, failure: 'offline' };
	try {
		const response = await fetch(path, { credentials: 'omit' });
		if (response.status === 404) return { ok: false, failure: 'not-found' };
		if (response.status === 429) return { ok: false, failure: 'busy' };
		if (!response.ok) return { ok: false, failure: 'failed' };
		return { ok: true, value: pick(await response.json()) };
	} catch {
		return { ok: false, failure: offline() ? 'offline' : 'failed' };
	}
}

export function fetchPublicStories(): Promise<PublicAnswer<PublicStorySummary[]>> {
	return read(BASE, (body) => (body as { stories: PublicStorySummary[] }).stories);
}

export function fetchPublicStory(id: string): Promise<PublicAnswer<PublicStory>> {
	return read(
		`${BASE}/${encodeURIComponent(id)}`,
		(body) => (body as { story: PublicStory }).story
	);
}

/** Where a published story's photo is served to anyone. */
export function publicPhotoUrl(storyId: string, hash: string): string {
	return `${BASE}/${encodeURIComponent(storyId)}/photos/${hash}`;
}
