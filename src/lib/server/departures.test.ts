import { describe, expect, it } from 'vitest';
import type { StoredDoc } from './stored-doc';
import { nextDepartures, recordDepartures, removalFor, type Departure } from './departures';
import type { Store } from './store';

const version = (
	rev: string,
	channels: string[],
	extra: Record<string, unknown> = {}
): StoredDoc => ({
	_id: 'm001',
	_rev: rev,
	channels,
	...extra
});

describe('nextDepartures', () => {
	it('records the channels a document leaves, with the version they last saw', () => {
		const prev = version('1-a', ['community:cm1', 'member:m001'], { residence: 'cm1' });
		expect(nextDepartures([], prev, ['community:cm2', 'member:m001'])).toEqual([
			{ channels: ['community:cm1'], body: prev }
		]);
	});

	it('records nothing when no channel is left', () => {
		const prev = version('1-a', ['member:m001']);
		expect(nextDepartures([], prev, ['community:cm2', 'member:m001'])).toEqual([]);
		expect(nextDepartures([], null, ['member:m001'])).toEqual([]);
	});

	it('keeps earlier moves and forgets channels the document is back in', () => {
		const first = version('1-a', ['community:cm1', 'member:m001']);
		const second = version('2-b', ['community:cm2', 'member:m001']);
		const afterFirst = nextDepartures([], first, ['community:cm2', 'member:m001']);
		const afterSecond = nextDepartures(afterFirst, second, ['community:cm3', 'member:m001']);
		expect(afterSecond.map((d) => d.channels)).toEqual([['community:cm1'], ['community:cm2']]);
		const back = nextDepartures(afterSecond, version('3-c', ['community:cm3', 'member:m001']), [
			'community:cm1',
			'member:m001'
		]);
		expect(back.map((d) => d.channels)).toEqual([['community:cm2'], ['community:cm3']]);
	});

	it('remembers at most ten moves', () => {
		let departures: Departure[] = [];
		for (let i = 0; i < 12; i++) {
			departures = nextDepartures(departures, version(`${i}-x`, [`community:c${i}`]), [
				`community:c${i + 1}`
			]);
		}
		expect(departures).toHaveLength(10);
		expect(departures[0]?.channels).toEqual(['community:c2']);
	});
});

describe('removalFor', () => {
	const first = version('1-a', ['community:cm1', 'member:m001'], { residence: 'cm1' });
	const second = version('2-b', ['community:cm2', 'member:m001'], { residence: 'cm2' });
	const departures = [
		{ channels: ['community:cm1'], body: first },
		{ channels: ['community:cm2'], body: second }
	];
	const current = version('3-c', ['community:cm3', 'member:m001'], { residence: 'cm3' });

	it('gives a former reader the version it last saw, deleted, at the current revision', () => {
		expect(removalFor(departures, new Set(['community:cm1']), current)).toEqual({
			...first,
			_rev: '3-c',
			_deleted: true
		});
		expect(removalFor(departures, new Set(['community:cm2']), current)).toMatchObject({
			residence: 'cm2',
			_deleted: true
		});
	});

	it('gives nothing to a reader that never had it', () => {
		expect(removalFor(departures, new Set(['community:cm9']), current)).toBeNull();
		expect(removalFor(undefined, new Set(['community:cm1']), current)).toBeNull();
	});
});

describe('recordDepartures', () => {
	function countingStore() {
		const calls = { reads: 0, writes: [] as unknown[] };
		const departures = {
			allDocs: ({ keys }: { keys: string[] }) => {
				calls.reads++;
				return Promise.resolve({ rows: keys.map((key) => ({ key, error: 'not_found' })) });
			},
			bulkDocs: (docs: unknown[]) => {
				calls.writes.push(...docs);
				return Promise.resolve([]);
			}
		};
		return { calls, store: { db: () => departures } as unknown as Store };
	}

	it('reads nothing for new documents or documents that keep their channels', async () => {
		const { calls, store } = countingStore();
		await recordDepartures(store, 'attendance', [
			{ id: 'a.m001.in', prev: null, nextChannels: ['member:m001/2026'] },
			{
				id: 'm001',
				prev: version('1-a', ['member:m001', 'community:cm1']),
				nextChannels: ['community:cm1', 'member:m001']
			}
		]);
		expect(calls).toEqual({ reads: 0, writes: [] });
	});

	it('records a document that leaves a channel', async () => {
		const { calls, store } = countingStore();
		const prev = version('1-a', ['member:m001', 'community:cm1']);
		await recordDepartures(store, 'members', [
			{ id: 'm001', prev, nextChannels: ['member:m001', 'community:cm2'] }
		]);
		expect(calls.reads).toBe(1);
		expect(calls.writes).toEqual([
			{ _id: 'members/m001', departures: [{ channels: ['community:cm1'], body: prev }] }
		]);
	});
});
