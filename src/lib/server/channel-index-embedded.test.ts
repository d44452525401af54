import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClassicLevel } from 'classic-level';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import channelsDesign from '../../../couch/design/channels.json' with { type: 'json' };
import { CHANNEL_INDEX_VERSION } from './channel-index-embedded';
import { applyCouchSetup } from './couch-setup';
import { openStore, type Store } from './store';
import { STORE_TIMEOUT_MS } from '../../test-data/test-store';

let dir: string;
let store: Store;

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'baodao-channel-index-'));
	store = openStore({ dataDir: dir });
	await applyCouchSetup(store);
}, STORE_TIMEOUT_MS);

afterEach(async () => {
	await store.close();
	await rm(dir, { recursive: true, force: true });
}, STORE_TIMEOUT_MS);

const reports = () => store.db('reports');
const read = (channel: string, after = '', limit = Infinity) =>
	store.channelIndex.reader('reports')(channel, after, limit);
const idsIn = async (channel: string) => (await read(channel)).docs.map((doc) => doc._id);

async function put(...docs: Record<string, unknown>[]) {
	const results = await reports().bulkDocs(docs);
	for (const r of results) expect(r, JSON.stringify(r)).toHaveProperty('ok', true);
	return results;
}

async function reopen() {
	await store.close();
	store = openStore({ dataDir: dir });
}

describe('the embedded channel index', { timeout: STORE_TIMEOUT_MS }, () => {
	it('reads a channel in id order, after an id, a page at a time', async () => {
		await put(
			{ _id: 'c', channels: ['public'] },
			{ _id: 'a', channels: ['public', 'branch:b1'], note: '你好' },
			{ _id: 'b', channels: ['branch:b1'] },
			{ _id: 'd', channels: ['public'] },
			{ _id: 'e', channels: ['public:x'] }
		);
		const first = await read('public', '', 2);
		expect(first.docs.map((doc) => doc._id)).toEqual(['a', 'c']);
		expect(first).toMatchObject({ last: 'c', more: true });
		expect(first.docs[0]).toMatchObject({ _id: 'a', note: '你好' });
		expect(first.docs[0]?._rev).toMatch(/^1-/);
		const second = await read('public', first.last, 2);
		expect(second.docs.map((doc) => doc._id)).toEqual(['d']);
		expect(second).toMatchObject({ last: 'd', more: false });
		expect(await read('public', 'd', 2)).toEqual({ docs: [], last: 'd', more: false });
		expect(await idsIn('branch:b1')).toEqual(['a', 'b']);
		expect(await idsIn('nobody')).toEqual([]);
	});

	it('follows updates and deletions: a document is only where its channels are now', async () => {
		const [a, b] = await put(
			{ _id: 'a', channels: ['public', 'branch:b1'] },
			{ _id: 'b', channels: ['public'] }
		);
		expect(await idsIn('public')).toEqual(['a', 'b']);
		await put(
			{ _id: 'a', _rev: a?.rev, channels: ['branch:b2'], v: 2 },
			{ _id: 'b', _rev: b?.rev, _deleted: true, channels: ['public'] }
		);
		expect(await idsIn('public')).toEqual([]);
		expect(await idsIn('branch:b1')).toEqual([]);
		const moved = await read('branch:b2');
		expect(moved.docs).toEqual([expect.objectContaining({ _id: 'a', v: 2 })]);

		const current = await reports().get('a');
		await put({ ...current, channels: 'not a list' });
		expect(await idsIn('branch:b2')).toEqual([]);
	});

	it('answers with every write stored before the read, without warming', async () => {
		for (let i = 0; i < 30; i++) {
			await put({ _id: `r${String(i).padStart(2, '0')}`, channels: ['public'] });
			expect(await idsIn('public')).toHaveLength(i + 1);
		}
	});

	it('gives concurrent reads during a build the same, complete answer', async () => {
		const docs = Array.from({ length: 2500 }, (_, i) => ({
			_id: `r${String(i).padStart(4, '0')}`,
			channels: [i % 2 ? 'odd' : 'even']
		}));
		await put(...docs);
		const pages = await Promise.all([read('odd'), read('even'), read('odd', 'r1000', 10)]);
		expect(pages[0].docs).toHaveLength(1250);
		expect(pages[1].docs).toHaveLength(1250);
		expect(pages[2].docs.map((doc) => doc._id)[0]).toBe('r1001');
	});

	it('keeps its place across restarts and reads only what changed since', async () => {
		await put({ _id: 'a', channels: ['public'] });
		await store.channelIndex.warm();
		await reopen();
		await put({ _id: 'b', channels: ['public'] });
		expect(await idsIn('public')).toEqual(['a', 'b']);
	});

	it('is rebuilt when it was written in another format version', async () => {
		await put({ _id: 'a', channels: ['public'] });
		await store.channelIndex.warm();
		await store.close();
		const level = new ClassicLevel<string, string>(join(dir, 'baodao_channel-index'));
		await level.put('version', `${CHANNEL_INDEX_VERSION}-older`);
		await level.put('c\0reports\0public\0ghost', '');
		await level.close();
		store = openStore({ dataDir: dir });
		expect(await idsIn('public')).toEqual(['a']);
	});

	it('is rebuilt for a database replaced by an older copy', async () => {
		await put(
			{ _id: 'a', channels: ['public'] },
			{ _id: 'b', channels: ['public'] },
			{ _id: 'c', channels: ['public'] }
		);
		await store.channelIndex.warm();
		await store.close();
		await rm(join(dir, 'baodao_reports'), { recursive: true });
		store = openStore({ dataDir: dir });
		await put({ _id: 'z', channels: ['public'] });
		expect(await idsIn('public')).toEqual(['z']);
	});

	it('removes the index of the former view that carried whole documents', async () => {
		const design = await reports().get(channelsDesign._id);
		await reports().put({
			...design,
			views: {
				by_channel: {
					map: 'function (doc) { (doc.channels || []).forEach(function (c) { emit([c, doc._id], doc); }); }'
				}
			}
		});
		await put({ _id: 'a', channels: ['public'] });
		await reports().query('channels/by_channel', { limit: 0 });
		const views = async () =>
			(await readdir(dir)).filter((name) => name.startsWith('baodao_reports-mrview-'));
		expect(await views()).toHaveLength(1);

		await applyCouchSetup(store);
		await store.channelIndex.warm();
		expect(await views()).toEqual([]);
		expect(await idsIn('public')).toEqual(['a']);
	});
});
