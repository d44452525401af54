import type { ReplicationPushOptions, RxReplicationWriteToMasterRow } from 'rxdb';
import { describe, expect, it } from 'vitest';
import { CreationPushes } from './creation-pushes';

const URL_BASE = 'https://baodao.example.cn/sync/attendance/';
const idOf = (doc: object) => String((doc as { id?: unknown }).id);

type Row = RxReplicationWriteToMasterRow<unknown>;
const creation = (id: string): Row => ({ newDocumentState: { id, _deleted: false } }) as Row;
const update = (id: string): Row =>
	({
		newDocumentState: { id, _deleted: false, note: 'new' },
		assumedMasterState: { id, _deleted: false }
	}) as Row;

function lookup(keys: unknown, method = 'POST', collection = 'attendance') {
	return [
		`https://baodao.example.cn/sync/${collection}/_all_docs?`,
		{ method, body: JSON.stringify({ keys, include_docs: true, deleted: 'ok' }) }
	] as const;
}

/** A replication whose push handler asks `pushes` about its lookup while it runs, as the plugin does. */
function replicationAsking(pushes: CreationPushes, keys: string[]) {
	const answers: (Response | null)[] = [];
	const push = {
		batchSize: 100,
		handler: () => {
			answers.push(pushes.answer(...lookup(keys)));
			return Promise.resolve([]);
		}
	} as unknown as ReplicationPushOptions<unknown>;
	return { state: { push }, answers };
}

describe('CreationPushes', () => {
	it('answers the lookup of a batch of creations as "none of them", without the server', async () => {
		const pushes = new CreationPushes();
		const { state, answers } = replicationAsking(pushes, ['a1', 'a2']);
		pushes.track('attendance', state, idOf);
		await state.push.handler([creation('a1'), creation('a2')]);
		const body: unknown = await answers[0]?.json();
		expect(body).toEqual({
			rows: [
				{ key: 'a1', error: 'not_found' },
				{ key: 'a2', error: 'not_found' }
			]
		});
	});

	it('sends the lookup when a batch holds an update, and once the push is over', async () => {
		const pushes = new CreationPushes();
		const { state, answers } = replicationAsking(pushes, ['a1', 'a2']);
		pushes.track('attendance', state, idOf);
		await state.push.handler([creation('a1'), update('a2')]);
		expect(answers).toEqual([null]);
		await state.push.handler([creation('a1'), creation('a2')]);
		expect(answers[1]).not.toBeNull();
		// Done pushing: a later lookup of the same ids (the plugin's re-read after a conflict, or
		// anything else) goes to the server.
		expect(pushes.answer(...lookup(['a1', 'a2']))).toBeNull();
	});

	it('answers only a POST lookup of that collection whose every key is being created', async () => {
		const pushes = new CreationPushes();
		let during: (Response | null)[] = [];
		const push = {
			batchSize: 100,
			handler: () => {
				during = [
					pushes.answer(...lookup(['a1'], 'GET')),
					pushes.answer(...lookup(['a1', 'other'])),
					pushes.answer(...lookup(['a1'], 'POST', 'reports')),
					pushes.answer(...lookup([])),
					pushes.answer(`${URL_BASE}_bulk_docs?`, { method: 'POST', body: '{"docs":[]}' }),
					pushes.answer(`${URL_BASE}_all_docs?`, { method: 'POST', body: 'not json' })
				];
				return Promise.resolve([]);
			}
		} as unknown as ReplicationPushOptions<unknown>;
		pushes.track('attendance', { push }, idOf);
		await push.handler([creation('a1')]);
		expect(during).toEqual([null, null, null, null, null, null]);
	});

	it('keeps a creation pushed by two batches at once until both are done', async () => {
		const pushes = new CreationPushes();
		let release: () => void = () => undefined;
		const gate = new Promise<void>((resolve) => (release = resolve));
		let calls = 0;
		const push = {
			batchSize: 100,
			handler: async () => {
				if (++calls === 1) await gate;
				return [];
			}
		} as unknown as ReplicationPushOptions<unknown>;
		pushes.track('attendance', { push }, idOf);
		const slow = push.handler([creation('a1')]);
		await push.handler([creation('a1')]);
		expect(pushes.answer(...lookup(['a1']))).not.toBeNull();
		release();
		await slow;
		expect(pushes.answer(...lookup(['a1']))).toBeNull();
	});
});
