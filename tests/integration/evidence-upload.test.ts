import { createHash } from 'node:crypto';
import jpeg from 'jpeg-js';
import { BehaviorSubject } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withChannels } from '../../src/lib/domain/access/write-policy';
import { claimId, type Claim } from '../../src/lib/domain/marketplace/claim-record';
import type { AnyDoc } from '../../src/lib/domain/registry';
import { EvidenceUploads, type Outbox } from '../../src/lib/db/evidence-upload';
import { entryKey, type OutboxEntry } from '../../src/lib/db/evidence-outbox';
import { initialSyncStatus, type SyncStatus } from '../../src/lib/db/sync-status';
import { toStored } from '../../src/lib/server/demo/demo-seed';
import { HttpClient } from '../support/http-client';
import { until } from '../support/wait';
import { World } from '../support/world';

/**
 * The device's uploader against the real server: a photo taken before its claim reached the
 * server waits (404: not yet) and goes up after a later sync round; a file the server refuses
 * for good stays, marked, and is not tried again.
 */

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const PHOTO = new Uint8Array(
	jpeg.encode({ data: Buffer.alloc(8 * 8 * 4, 77), width: 8, height: 8 }, 80).data
);
const NOT_AN_IMAGE = new TextEncoder().encode('plain words');
const AT = `${new Date().getUTCFullYear()}-06-01T02:00:00.000Z`;

const claim: Claim = {
	id: claimId('it-upload', 'm001'),
	kind: 'claim',
	itemId: 'it-upload',
	itemKind: 'micro-wish',
	communityId: 'cm1',
	memberId: 'm001',
	memberName: '党员一',
	branchId: 'br1',
	orgId: 'org-zjj',
	claimedAt: AT,
	state: 'done',
	done: { at: AT, minutes: 30, note: '', photos: [sha256(PHOTO), sha256(NOT_AN_IMAGE)] },
	updatedAt: AT,
	channels: []
};

/** The outbox in memory: what the device keeps in IndexedDB. */
class MemoryOutbox implements Outbox {
	readonly kept = new Map<string, OutboxEntry>();
	entries() {
		return Promise.resolve([...this.kept.values()]);
	}
	put(entry: OutboxEntry) {
		this.kept.set(entryKey(entry), entry);
		return Promise.resolve();
	}
	remove(entry: OutboxEntry) {
		this.kept.delete(entryKey(entry));
		return Promise.resolve();
	}
}

function waiting(bytes: Uint8Array, type: string): OutboxEntry {
	return {
		hash: sha256(bytes),
		blob: new Blob([new Uint8Array(bytes)], { type }),
		type,
		collection: 'attendance',
		docId: claim.id,
		tries: 0,
		nextAt: 0,
		failed: null,
		lastError: null
	};
}

describe('uploading waiting evidence files', () => {
	let world: World;
	let client: HttpClient;
	/** The demo's own files (the agreements' scan), stored before any test uploads. */
	let demoFiles = new Set<string>();
	const uploaded = async () =>
		(await world.db('files').allDocs()).rows
			.map((row) => row.id)
			.filter((id) => !id.startsWith('_design/') && !demoFiles.has(id));

	beforeAll(async () => {
		world = await World.start(['member1']);
		demoFiles = new Set(await uploaded());
		client = new HttpClient(world.url);
		expect((await client.signIn('member1')).status).toBe(200);
	});
	afterAll(() => world?.close());

	it('waits for the citing document, then uploads once a sync round has brought it up', async () => {
		let clock = 1_000;
		const timers: { run: () => void; at: number }[] = [];
		const outbox = new MemoryOutbox();
		const status$ = new BehaviorSubject<SyncStatus>(initialSyncStatus);
		const uploads = new EvidenceUploads({
			serverUrl: '',
			outbox,
			status$,
			now: () => clock,
			// Time moves only when the test says: the passes a wait would start are counted.
			schedule: (run, ms) => {
				timers.push({ run, at: clock + ms });
				return () => undefined;
			},
			fetch: (input, init) => client.request(input as string, init ?? {})
		});
		uploads.start();
		try {
			await uploads.add(waiting(PHOTO, 'image/jpeg'));
			await uploads.add(waiting(NOT_AN_IMAGE, 'image/jpeg'));
			// The claim is not on the server yet: both wait.
			const early = await outbox.entries();
			expect(early.map((entry) => [entry.lastError, entry.tries])).toEqual([
				['not-yet', 1],
				['not-yet', 1]
			]);
			expect(uploads.waiting$.value).toBe(2);
			expect(timers.at(-1)?.at).toBe(6_000);

			await world
				.db('attendance')
				.put(toStored(withChannels('attendance', claim as object as AnyDoc)));
			// A sync round ends after the wait is over.
			clock += 5_000;
			status$.next({ ...initialSyncStatus, lastSyncedAt: new Date(clock) });
			await until(uploads.waiting$, (count) => count === 1);

			const [left] = await outbox.entries();
			expect(left).toMatchObject({ hash: sha256(NOT_AN_IMAGE), failed: 'unsupported' });
			expect(await uploaded()).toEqual([sha256(PHOTO)]);

			// Refused for good: not tried again, however often the device syncs.
			const refusedAt = JSON.stringify(left);
			clock += 60 * 60_000;
			await uploads.kick();
			expect(JSON.stringify((await outbox.entries())[0])).toBe(refusedAt);
		} finally {
			uploads.stop();
		}
	});
});
