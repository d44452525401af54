import type { StoryCategory } from './stories';

/** A story as the public list shows it: what the office published, and nothing else. */
export interface PublicStorySummary {
	id: string;
	title: string;
	excerpt: string;
	category: StoryCategory;
	authorName: string;
	publishedAt: string;
	/** The first photo's hash, if any. */
	cover?: string;
}

/** A published story as the public page shows it. */
export interface PublicStory {
	id: string;
	title: string;
	body: string;
	category: StoryCategory;
	authorName: string;
	publishedAt: string;
	photos: string[];
}
