import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freeCouchPorts, stopNode, type CouchSource } from '../tests/support/real-couch';
import { couchAdmin } from './couch-admin';
import { waitFor } from './support';

const run = promisify(execFile);
const JOIN_MS = 60_000;

export interface BenchCluster {
	/** Each node's URL with the admin's credentials. */
	nodes: string[];
	close(): Promise<void>;
}

/**
 * Three CouchDB nodes on loopback joined into one cluster (q=2, n=3), as
 * `../shared/couchdb/start-couchdb-cluster` does, but with node names of their own: that script
 * names its nodes `node1`…`node3`, and Erlang refuses a second node of the same name on the
 * machine, so a bench beside a running cluster test would fail to start.
 */
export async function startBenchCluster(source: CouchSource): Promise<BenchCluster> {
	if (source.kind !== 'scripts')
		throw new Error(`No cluster from a CouchDB of kind ${source.kind}.`);
	const dir = await mkdtemp(join(tmpdir(), 'baodao-bench-cluster-'));
	const base = await freeCouchPorts([10, 20, 30]);
	const dirs = [1, 2, 3].map((i) => join(dir, `node${i}`));
	const names = [1, 2, 3].map((i) => `bench${base + i * 10}`);
	const nodes: string[] = [];
	const close = async () => {
		await Promise.all(dirs.map(stopNode));
		await rm(dir, { recursive: true, force: true });
	};
	try {
		for (const [i, name] of names.entries()) {
			const { stdout } = await run(join(source.dir, 'start-couchdb'), [
				dirs[i] as string,
				String(base + (i + 1) * 10),
				name
			]);
			nodes.push(stdout.trim().split('\n').pop() ?? '');
		}
		const first = couchAdmin(nodes[0] as string);
		for (const name of names.slice(1))
			await first.request('PUT', `/_node/_local/_nodes/${name}@127.0.0.1`, {});
		const last = couchAdmin(nodes[2] as string);
		await waitFor(
			'the three CouchDB nodes to form a cluster',
			async () =>
				((await last.request('GET', '/_membership'))['cluster_nodes'] as string[]).length === 3,
			JOIN_MS,
			200
		);
		for (const db of ['_users', '_replicator']) await first.request('PUT', `/${db}`);
		return { nodes, close };
	} catch (error) {
		await close();
		throw error;
	}
}
