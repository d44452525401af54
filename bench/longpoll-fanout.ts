import { request, type Agent, type ClientRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import { withChannels } from '../src/lib/domain/access/write-policy';
import type { Community, Member } from '../src/lib/domain/registry';
import { toStored } from '../src/lib/server/demo/demo-seed';
import { startSession } from '../src/lib/server/sessions';
import { aReport } from '../tests/support/factories';
import { startTestServer } from '../tests/support/test-server';
import { putAccounts, putAll, type BenchAccount } from './fixtures';
import { benchAgent, requestJson, sessionCookie } from './raw-http';
import { log, max, percentile, since, waitFor } from './support';

export interface FanoutOptions {
	insiders: number;
	outsiders: number;
	writes: number;
	heartbeatMs: number;
}

export interface FanoutResult extends FanoutOptions {
	setupMs: number;
	/** Per write: time until the gateway answered the writer's `_bulk_docs`. */
	ackMs: number[];
	/** Per write, per in-channel client: time from sending the write until the client had it. */
	latencies: number[][];
	p50: number;
	p95: number;
	max: number;
	first: { p50: number; p95: number; max: number };
	insiderRows: number;
	/** Rows outsiders received reading on their streams' signals, and the signals themselves. */
	outsiderRows: number;
	outsiderSignals: number;
	/** Heartbeats outsiders received: their streams were open throughout. */
	outsiderHeartbeats: number;
	/** Rows outsiders get afterwards reading on from their last token, and from zero. */
	outsiderCatchUpRows: number;
	outsiderFromZeroRows: number;
	insiderFromZeroRows: number;
	clientErrors: number;
}

interface ChangesBody {
	results: { id: string; changes: { rev: string }[] }[];
	last_seq: string;
}

const ROUND_TIMEOUT_MS = 30_000;

/**
 * One device's live feed as the app now holds it, in raw HTTP: one stream
 * (`/sync/_stream?collections=reports`), and on each of its signals a normal `_changes` read from
 * the last token (a signal during a read makes one more read after it).
 */
class StreamClient {
	since = 'now';
	rows = 0;
	reads = 0;
	signals = 0;
	heartbeats = 0;
	errors = 0;
	ready = false;
	readonly received = new Map<string, number>();
	private stream: ClientRequest | undefined;
	private reading: Promise<void> | undefined;
	private again = false;
	private stopped = false;

	constructor(
		readonly username: string,
		readonly cookie: string,
		private readonly baseUrl: string,
		private readonly agent: Agent,
		private readonly heartbeatMs: number
	) {}

	start(): void {
		const url = `${this.baseUrl}/sync/_stream?collections=reports&heartbeat=${this.heartbeatMs}`;
		this.stream = request(url, { agent: false, headers: { cookie: this.cookie } }, (answer) => {
			if (answer.statusCode !== 200) {
				this.errors++;
				log(`  stream of ${this.username} refused: HTTP ${answer.statusCode}`);
				return;
			}
			let buffer = '';
			answer.setEncoding('utf8');
			answer.on('data', (chunk: string) => {
				buffer += chunk;
				let end: number;
				while ((end = buffer.indexOf('\n\n')) >= 0) {
					this.onEvent(buffer.slice(0, end));
					buffer = buffer.slice(end + 2);
				}
			});
		});
		this.stream.on('error', (error) => {
			if (this.stopped) return;
			this.errors++;
			log(`  stream of ${this.username} failed: ${String(error)}`);
		});
		this.stream.end();
	}

	private onEvent(block: string) {
		if (block.startsWith(':')) {
			this.heartbeats++;
			return;
		}
		const type = /^event: (.*)$/m.exec(block)?.[1];
		if (type === 'change') this.signals++;
		if (type === 'ready' || type === 'change' || type === 'resync') this.read();
	}

	/** Reads from the last token; a signal during a read asks for one more read after it. */
	private read(): void {
		if (this.reading) {
			this.again = true;
			return;
		}
		this.reading = this.readOnce().finally(() => {
			this.reading = undefined;
			if (this.again && !this.stopped) {
				this.again = false;
				this.read();
			}
		});
	}

	private async readOnce(): Promise<void> {
		const url =
			`${this.baseUrl}/sync/reports/_changes?feed=normal&style=all_docs&include_docs=true` +
			`&limit=100&since=${encodeURIComponent(this.since)}`;
		try {
			const response = await requestJson<ChangesBody>(this.agent, url, { cookie: this.cookie });
			const at = performance.now();
			if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
			this.reads++;
			for (const row of response.body.results) {
				this.rows++;
				this.received.set(`${row.id}@${row.changes[0]?.rev}`, at);
			}
			this.since = response.body.last_seq;
			this.ready = true;
		} catch (error) {
			this.errors++;
			log(`  read of ${this.username} failed: ${String(error)}`);
		}
	}

	async stop(): Promise<void> {
		this.stopped = true;
		this.stream?.destroy();
		await this.reading;
	}
}

/** Secretaries of the branch and staff of the community, in turn: the readers of its reports. */
function accountsFor(prefix: string, count: number, place: string): BenchAccount[] {
	return Array.from({ length: count }, (_, i): BenchAccount => {
		const username = `${prefix}${i}`;
		return i % 2 === 0
			? { username, roles: [{ role: 'secretary', branchId: `br${place}` }] }
			: { username, roles: [{ role: 'community_staff', communityId: `c${place}` }] };
	});
}

/**
 * (c) Live fan-out: in-channel clients (secretaries of the report's branch and staff of its
 * community; the office reads summaries, not reports) and as many outsiders (the same roles
 * elsewhere) each hold one live stream
 * and read on its signals, as devices do now; a member's device writes one report through the
 * gateway; each write is timed until every in-channel client has read it, and outsiders must
 * receive nothing: no signal, no row.
 */
export async function benchLongpollFanout(options: FanoutOptions): Promise<FanoutResult> {
	const server = await startTestServer({ maxLongpollMs: options.heartbeatMs });
	const agent = benchAgent(options.insiders + options.outsiders + 16);
	const clients: StreamClient[] = [];
	try {
		const setupStart = performance.now();
		const store = server.app.store;
		const writer: BenchAccount = {
			username: 'writer',
			memberId: 'mW',
			branchId: 'brF',
			orgId: 'orgF',
			roles: [{ role: 'member' }]
		};
		const inside = accountsFor('in', options.insiders, 'F');
		const outside = accountsFor('out', options.outsiders, 'O');
		await putAccounts(store.db('accounts'), [writer, ...inside, ...outside], 'bench-password');
		// What the gateway checks the writer's residence report against: the community and profile.
		const updatedAt = new Date().toISOString();
		await putAll(store.db('directory'), [
			toStored(
				withChannels('directory', {
					id: 'cF',
					kind: 'community',
					name: 'Bench community',
					updatedAt,
					channels: []
				} satisfies Community)
			)
		]);
		await putAll(store.db('members'), [
			toStored(
				withChannels('members', {
					id: 'mW',
					orgId: 'orgF',
					branchId: 'brF',
					name: 'Bench writer',
					residenceCommunityId: 'cF',
					skills: [],
					interests: [],
					duties: [],
					updatedAt,
					channels: []
				} satisfies Member)
			)
		]);
		const cookieOf = async (username: string) =>
			sessionCookie(
				(await startSession(store.db('sessions'), username, new Date(), 3_600_000)).token
			);
		const writerCookie = await cookieOf(writer.username);
		for (const account of [...inside, ...outside]) {
			clients.push(
				new StreamClient(
					account.username,
					await cookieOf(account.username),
					server.url,
					agent,
					options.heartbeatMs
				)
			);
		}
		const insiders = clients.slice(0, options.insiders);
		const outsiders = clients.slice(options.insiders);
		const setupMs = since(setupStart);
		log(`fan-out: ${clients.length} sessions ready in ${setupMs.toFixed(0)} ms`);

		for (const client of clients) client.start();
		const hub = server.app.context.hub('reports');
		await waitFor(
			'every stream held by the gateway and read once',
			() => hub.listening >= clients.length && clients.every((client) => client.ready),
			ROUND_TIMEOUT_MS,
			2
		);

		const ackMs: number[] = [];
		const latencies: number[][] = [];
		let rev: string | undefined;
		const base = aReport('mW', 'cF', { branchId: 'brF', orgId: 'orgF' });
		for (let w = 0; w < options.writes; w++) {
			const at = new Date().toISOString();
			const doc = {
				...toStored({ ...base, submission: w + 1, updatedAt: at }),
				...(rev ? { _rev: rev } : {})
			};
			const start = performance.now();
			const pushed = await requestJson<{ ok?: boolean; rev?: string; error?: string }[]>(
				agent,
				`${server.url}/sync/reports/_bulk_docs`,
				{ cookie: writerCookie, method: 'POST', json: { docs: [doc] } }
			);
			ackMs.push(since(start));
			rev = pushed.body[0]?.rev;
			if (pushed.status !== 201 || !pushed.body[0]?.ok || !rev) {
				throw new Error(`The write was refused: ${JSON.stringify(pushed.body)}`);
			}
			const key = `${doc._id}@${rev}`;
			await waitFor(
				`write ${w + 1} reaching every in-channel client`,
				() => insiders.every((client) => client.received.has(key)),
				ROUND_TIMEOUT_MS,
				1
			);
			latencies.push(insiders.map((client) => (client.received.get(key) ?? Number.NaN) - start));
			const round = latencies.at(-1) ?? [];
			log(
				`  write ${w + 1}: ack ${ackMs.at(-1)?.toFixed(1)} ms; in-channel p50 ${percentile(round, 50).toFixed(1)} / p95 ${percentile(round, 95).toFixed(1)} / max ${max(round).toFixed(1)} ms`
			);
		}

		// Settle: every outsider's stream, open through all the writes, has sent a heartbeat since,
		// so any signal for them would have come before it.
		const before = outsiders.map((client) => client.heartbeats);
		await waitFor(
			'a heartbeat on every outsider stream after the writes',
			() => outsiders.every((client, i) => client.heartbeats > (before[i] ?? 0)),
			options.heartbeatMs + 15_000,
			20
		);
		for (const client of clients) await client.stop();

		const read = async (client: StreamClient, from: string) => {
			const url = `${server.url}/sync/reports/_changes?feed=normal&style=all_docs&include_docs=true&limit=100&since=${encodeURIComponent(from)}`;
			const response = await requestJson<ChangesBody>(agent, url, { cookie: client.cookie });
			if (response.status !== 200) throw new Error(`HTTP ${response.status} reading the feed`);
			return response.body.results.length;
		};
		let outsiderCatchUpRows = 0;
		let outsiderFromZeroRows = 0;
		let insiderFromZeroRows = 0;
		for (const client of outsiders) {
			outsiderCatchUpRows += await read(client, client.since);
			outsiderFromZeroRows += await read(client, '0');
		}
		for (const client of insiders) insiderFromZeroRows += await read(client, '0');

		const pooled = latencies.flat();
		const first = latencies[0] ?? [];
		return {
			...options,
			setupMs,
			ackMs,
			latencies,
			p50: percentile(pooled, 50),
			p95: percentile(pooled, 95),
			max: max(pooled),
			first: { p50: percentile(first, 50), p95: percentile(first, 95), max: max(first) },
			insiderRows: insiders.reduce((sum, client) => sum + client.rows, 0),
			outsiderRows: outsiders.reduce((sum, client) => sum + client.rows, 0),
			outsiderSignals: outsiders.reduce((sum, client) => sum + client.signals, 0),
			outsiderHeartbeats: outsiders.reduce((sum, client) => sum + client.heartbeats, 0),
			outsiderCatchUpRows,
			outsiderFromZeroRows,
			insiderFromZeroRows,
			clientErrors: clients.reduce((sum, client) => sum + client.errors, 0)
		};
	} finally {
		await Promise.all(clients.map((client) => client.stop().catch(() => undefined)));
		agent.destroy();
		await server.close();
	}
}
