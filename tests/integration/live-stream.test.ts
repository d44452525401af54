import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LIVE_COLLECTIONS } from '../../src/lib/db/replica';
import { collectionNames, type CollectionName } from '../../src/lib/domain/registry';
import { toStored } from '../../src/lib/server/demo/demo-seed';
import { endSessionsOf, SESSION_COOKIE, startSession } from '../../src/lib/server/sessions';
import { aReport } from '../support/factories';
import { World } from '../support/world';

const WAIT = { timeout: 20_000, interval: 20 };

describe('one live connection per device', () => {
	let world: World;

	beforeAll(async () => {
		// A short server heartbeat: ended sessions are noticed within it.
		world = await World.start(['member1', 'secretary1'], { maxLongpollMs: 1_000 });
	});
	afterAll(() => world.close());

	const listening = (name: CollectionName) => world.server.app.context.hub(name).listening;
	const listeningEverywhere = () => collectionNames.map(listening);
	const cookieOf = async (username: string) => {
		const { token } = await startSession(world.db('sessions'), username, new Date(), 3_600_000);
		return `${SESSION_COOKIE}=${token}`;
	};

	it('holds one stream and no longpoll, and delivers a change through it', async () => {
		// Longpolls held for a minute: only the stream can bring the change in time.
		const secretary = await world.device('secretary1', { heartbeatMs: 60_000 });
		await secretary.sync();
		await vi.waitFor(
			() =>
				expect(listeningEverywhere()).toEqual(
					collectionNames.map((name) => (LIVE_COLLECTIONS.includes(name) ? 1 : 0))
				),
			WAIT
		);
		const member = await world.device('member1', { heartbeatMs: 60_000 });
		await member.sync();
		const report = aReport('m001', 'cm1');
		const arrived = secretary.waitFor('reports', { id: report.id }, 20_000);
		await member.insert('reports', report);
		await expect(arrived).resolves.toHaveLength(1);

		await Promise.all([member.close(), secretary.close()]);
		await vi.waitFor(() => expect(listeningEverywhere().every((n) => n === 0)).toBe(true), WAIT);
	});

	it('lets go of a stream whose client goes away', async () => {
		const cookie = await cookieOf('member1');
		const aborted = new AbortController();
		const response = await fetch(`${world.url}/sync/_stream`, {
			headers: { cookie },
			signal: aborted.signal
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
		expect(response.headers.get('content-encoding')).toBeNull();
		await vi.waitFor(() => expect(listening('reports')).toBe(1), WAIT);
		aborted.abort();
		await vi.waitFor(() => expect(listening('reports')).toBe(0), WAIT);

		// A connection cut under a response already flowing.
		const socketCut = await new Promise<() => void>((resolve, reject) => {
			const sent = httpRequest(`${world.url}/sync/_stream`, { headers: { cookie } }, (answer) => {
				answer.once('data', () => resolve(() => sent.destroy()));
			});
			sent.on('error', reject);
			sent.end();
		});
		await vi.waitFor(() => expect(listening('reports')).toBe(1), WAIT);
		socketCut();
		await vi.waitFor(() => expect(listening('reports')).toBe(0), WAIT);
	});

	it('ends the stream of an ended session, and the device then knows it is signed out', async () => {
		const device = await world.device('member1', { heartbeatMs: 60_000 });
		await device.sync();
		await vi.waitFor(() => expect(listening('reports')).toBe(1), WAIT);
		await endSessionsOf(world.db('sessions'), 'member1');
		await device.waitForStatus({ signedIn: false }, 20_000);
		await vi.waitFor(() => expect(listening('reports')).toBe(0), WAIT);
		await device.close();
	});

	it('still answers a longpoll, as older devices hold one per collection', async () => {
		const cookie = await cookieOf('member1');
		const answer = fetch(
			`${world.url}/sync/reports/_changes?feed=longpoll&since=now&heartbeat=10000&limit=10`,
			{ headers: { cookie } }
		).then((r) => r.json() as Promise<{ results: { id: string }[] }>);
		await vi.waitFor(() => expect(listening('reports')).toBe(1), WAIT);
		const report = aReport('m001', 'cm2', {}, 'unit');
		await world.db('reports').put(toStored(report));
		expect((await answer).results.map((row) => row.id)).toEqual([report.id]);
	});
});
