import { deflateSync } from 'node:zlib';
import { hasRole } from '../../domain/access/roles';
import type { AnyDoc } from '../../domain/registry';
import type { Story } from '../../domain/stories/stories';
import {
	reviewDraft,
	storyDraft,
	type OfficeDecision,
	type StoryInput
} from '../../domain/stories/story-drafts';
import { sha256Hex, storeFile } from '../evidence-files';
import type { Store } from '../store';
import type { DemoData } from './demo-data';

/**
 * A few stories of service (R22) for the demo's first bureau: published ones for the public page
 * and every member's app, one waiting for the office's review and one returned with a reason.
 */

interface DemoStory {
	input: Omit<StoryInput, 'orgId' | 'authorName' | 'photos'>;
	/** Photos by their shade: each a small picture of its own. */
	photos: number[];
	decision: OfficeDecision | null;
}

const STORIES: readonly DemoStory[] = [
	{
		input: {
			title: '暴雨夜里的转移',
			body: '七月的一场暴雨让老小区的地下室进了水。支部接到社区的求助后，十二名党员连夜赶到，挨家挨户敲门，把二十多位独居老人转移到社区服务中心，又守到天亮，帮着清理积水、检查电路。第二天，老人们送来了一面写着“雨夜见真情”的锦旗。',
			category: 'emergency'
		},
		photos: [70, 120],
		decision: { verdict: 'published' }
	},
	{
		input: {
			title: '每周二的理发摊',
			body: '退休前是机关食堂师傅的老李，学会理发后，每周二上午都在社区活动室门口支起一个理发摊，给行动不便的老人免费理发。一年下来，他理了三百多个头，也听了三百多个家长里短，把居民反映的几件难事带回了支部。',
			category: 'everyday'
		},
		photos: [160],
		decision: { verdict: 'published' }
	},
	{
		input: {
			title: '楼道里的“微心愿”',
			body: '社区在楼道里贴出了居民的微心愿：一台收音机、一副老花镜、一次陪同就医。党员们认领后一一兑现，还约定以后每个月都来看看这些老人。',
			category: 'everyday'
		},
		photos: [],
		decision: { verdict: 'published' }
	},
	{
		input: {
			title: '疫苗接种点的志愿者',
			body: '接种点人手紧张的那几周，支部排出值班表，每天四名党员在接种点引导、登记、照看留观的老人。',
			category: 'emergency'
		},
		photos: [],
		decision: null
	},
	{
		input: {
			title: '社区图书角',
			body: '我们在社区建了一个图书角。',
			category: 'everyday'
		},
		photos: [],
		decision: {
			verdict: 'returned',
			reason: '内容过于简短，请补充图书角的来历、服务了多少居民，并附上照片。'
		}
	}
];

/** A small PNG of one shade with a lighter band: a stand-in for a photo of the story. */
export function demoPhoto(shade: number): Uint8Array<ArrayBuffer> {
	const width = 160;
	const height = 120;
	const stride = width * 3 + 1;
	const rows = new Uint8Array(stride * height);
	for (let y = 0; y < height; y += 1) {
		const band = y > height / 2 && y < (height * 3) / 4;
		for (let x = 0; x < width; x += 1) {
			const at = y * stride + 1 + x * 3;
			rows[at] = band ? 240 : shade;
			rows[at + 1] = band ? 200 : (shade + 60) % 256;
			rows[at + 2] = band ? 80 : (shade + 120) % 256;
		}
	}
	const header = new Uint8Array(13);
	const view = new DataView(header.buffer);
	view.setUint32(0, width);
	view.setUint32(4, height);
	header.set([8, 2, 0, 0, 0], 8);
	return joined([
		Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		pngChunk('IHDR', header),
		pngChunk('IDAT', Uint8Array.from(deflateSync(rows))),
		pngChunk('IEND', new Uint8Array(0))
	]);
}

function joined(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
	const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
	let at = 0;
	for (const part of parts) {
		out.set(part, at);
		at += part.length;
	}
	return out;
}

/** A PNG chunk: length, type, data, and the CRC of type and data. */
function pngChunk(type: string, data: Uint8Array): Uint8Array<ArrayBuffer> {
	const body = joined([Uint8Array.from(type, (char) => char.charCodeAt(0)), data]);
	const length = new Uint8Array(4);
	new DataView(length.buffer).setUint32(0, data.length);
	const crc = new Uint8Array(4);
	new DataView(crc.buffer).setUint32(0, crc32(body));
	return joined([length, body, crc]);
}

function crc32(bytes: Uint8Array): number {
	let crc = 0xffffffff;
	for (const byte of bytes) {
		crc ^= byte;
		for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
	}
	return (crc ^ 0xffffffff) >>> 0;
}

/** The demo stories and their reviews, and the photos they cite. */
export function demoStories(data: Pick<DemoData, 'accounts'>, now: Date) {
	const office = data.accounts.find((account) => hasRole(account, 'office'));
	const orgId = office?.orgId;
	// Members of the office's bureau from the end of the roster, which the e2e specs leave alone.
	const authors = data.accounts
		.filter((account) => account.orgId === orgId && account.memberId && account.username)
		.filter((account) => /^member\d+$/.test(account.username))
		.slice(-STORIES.length);
	if (!office || !orgId || authors.length < STORIES.length) return { docs: [], files: [] };
	const docs: AnyDoc[] = [];
	const files = new Map<
		string,
		{ hash: string; type: 'image/png'; bytes: Uint8Array<ArrayBuffer> }
	>();
	STORIES.forEach((demo, index) => {
		const author = authors[index];
		if (!author) return;
		const photos = demo.photos.map((shade) => {
			const bytes = demoPhoto(shade);
			const hash = sha256Hex(bytes);
			files.set(hash, { hash, type: 'image/png', bytes });
			return hash;
		});
		// Sent a few days apart, so the lists have an order.
		const sentAt = new Date(now.getTime() - (STORIES.length - index) * 86_400_000);
		const draft = storyDraft(
			{ ...demo.input, orgId, authorName: author.displayName, photos },
			null,
			{
				username: author.username,
				role: 'member',
				now: sentAt,
				suffix: `demostory${String(index + 1).padStart(3, '0')}`
			},
			true
		);
		if (!draft.ok) throw new Error(`demo story ${index}: ${draft.problems.join()}`);
		const story: Story = draft.doc;
		docs.push(story as unknown as AnyDoc);
		if (!demo.decision) return;
		const reviewed = reviewDraft(story, null, demo.decision, {
			by: office.username,
			now: new Date(sentAt.getTime() + 3_600_000)
		});
		if (!reviewed.ok) throw new Error(`demo review ${index}: ${reviewed.problems.join()}`);
		docs.push(reviewed.doc as unknown as AnyDoc);
	});
	return { docs, files: [...files.values()] };
}

/** Stores the demo stories, their reviews and photos; what is stored already is left alone. */
export async function seedDemoStories(store: Store, data: DemoData, now: Date): Promise<void> {
	const { docs, files } = demoStories(data, now);
	for (const file of files) await storeFile(store, file.hash, file, now);
	const db = store.db('evaluations');
	for (const { id, ...fields } of docs) {
		await db.put({ _id: id, ...fields }).catch((error: unknown) => {
			if ((error as { status?: number }).status !== 409) throw error;
		});
	}
}
