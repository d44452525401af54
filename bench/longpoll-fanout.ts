import type { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { toStored } from '../src/lib/server/demo/demo-seed';
import { startSession } from '../src/lib/server/sessions';
import { aReport } from '../tests/support/factories';
import { startTestServer } from '../tests/support/test-server';
import { putAccounts, type BenchAccount } from './fixtures';
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
	/** Rows outsiders received on their live longpolls, and their completed longpolls. */
	outsiderRows: number;
	outsiderResponses: number;
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

const MAX_REQUESTS_PER_CLIENT = 1_000;
const ROUND_TIMEOUT_MS = 30_000;

/** One device's live feed as raw HTTP: longpoll, note what arrived and when, longpoll again. */
class LongpollClient {
	since = 'now';
	rows = 0;
	responses = 0;
	errors = 0;
	readonly received = new Map<string, number>();
	private readonly controller = new AbortController();
	private loop: Promise<void> = Promise.resolve();

	constructor(
		readonly username: string,
		readonly cookie: string,
		private readonly baseUrl: string,
		private readonly agent: Agent,
		private readonly heartbeatMs: number
	) {}

	start(deadline: number): void {
		this.loop = this.run(deadline);
	}

	private async run(deadline: number): Promise<void> {
		const signal = this.controller.signal;
		for (
			let i = 0;
			i < MAX_REQUESTS_PER_CLIENT && performance.now() < deadline && !signal.aborted;
			i++
		) {
			const url =
				`${this.baseUrl}/sync/reports/_changes?feed=longpoll&style=all_docs&include_docs=true` +
				`&limit=100&heartbeat=${this.heartbeatMs}&since=${encodeURIComponent(this.since)}`;
			try {
				const response = await requestJson<ChangesBody>(this.agent, url, {
					cookie: this.cookie,
					signal
				});
				const at = performance.now();
				if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
				this.responses++;
				for (const row of response.body.results) {
					this.rows++;
					this.received.set(`${row.id}@${row.changes[0]?.rev}`, at);
				}
				this.since = response.body.last_seq;
			} catch (error) {
				if (signal.aborted) break;
				this.errors++;
				log(`  longpoll of ${this.username} failed: ${String(error)}`);
				await new Promise((resolve) => setTimeout(resolve, 200));
			}
		}
	}

	async stop(): Promise<void> {
		this.controller.abort();
		await this.loop;
	}
}

function accountsFor(prefix: string, count: number, place: string): BenchAccount[] {
	return Array.from({ length: count }, (_, i): BenchAccount => {
		const username = `${prefix}${i}`;
		switch (i % 3) {
			case 0:
				return { username, roles: [{ role: 'secretary', branchId: `br${place}` }] };
			case 1:
				return { username, roles: [{ role: 'community_staff', communityId: `c${place}` }] };
			default:
				return { username, roles: [{ role: 'office', orgId: `org${place}` }] };
		}
	});
}

/**
 * (c) Live fan-out: in-channel clients (secretaries of the report's branch, staff of its community,
 * the bureau's office) and as many outsiders (the same roles elsewhere) hold longpolls; a member's
 * device writes one report through the gateway; each write is timed until every in-channel client
 * has it, and outsiders must receive nothing.
 */
export async function benchLongpollFanout(options: FanoutOptions): Promise<FanoutResult> {
	const server = await startTestServer({ maxLongpollMs: options.heartbeatMs });
	const agent = benchAgent(options.insiders + options.outsiders + 16);
	const clients: LongpollClient[] = [];
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
		const cookieOf = async (username: string) =>
			sessionCookie(
				(await startSession(store.db('sessions'), username, new Date(), 3_600_000)).token
			);
		const writerCookie = await cookieOf(writer.username);
		for (const account of [...inside, ...outside]) {
			clients.push(
				new LongpollClient(
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

		const deadline =
			performance.now() + options.writes * ROUND_TIMEOUT_MS + options.heartbeatMs * 3 + 60_000;
		for (const client of clients) client.start(deadline);
		const hub = server.app.context.hub('reports');
		const allListening = () =>
			waitFor(
				'every longpoll held by the gateway',
				() => hub.listening >= clients.length,
				ROUND_TIMEOUT_MS,
				2
			);

		const ackMs: number[] = [];
		const latencies: number[][] = [];
		let rev: string | undefined;
		const base = aReport('mW', 'cF', { branchId: 'brF', orgId: 'orgF' });
		for (let w = 0; w < options.writes; w++) {
			await allListening();
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

		// Settle: every in-channel client is waiting again, and every outsider has seen its longpoll
		// (open through all the writes) end at its heartbeat and has asked again.
		await allListening();
		const before = outsiders.map((client) => client.responses);
		await waitFor(
			'every outsider longpoll ending at its heartbeat',
			() => outsiders.every((client, i) => client.responses > (before[i] ?? 0)),
			options.heartbeatMs + 15_000,
			20
		);
		for (const client of clients) await client.stop();

		const read = async (client: LongpollClient, from: string) => {
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
			outsiderResponses: outsiders.reduce((sum, client) => sum + client.responses, 0),
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
