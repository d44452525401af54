import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { collectionNames, type CollectionName } from '../src/lib/domain/registry';
import { createBaodaoServer } from '../src/lib/server/baodao-server';
import { applyCouchSetup } from '../src/lib/server/couch-setup';
import { openStore } from '../src/lib/server/store';
import { putAccounts } from './fixtures';
import { planScaleBureau, scaleAccounts, seedScaleStore } from './scale-seed';
import { fmtMs, log, since } from './support';

/** The accounts' password; only the accounts the bench signs in with exist. */
export const SCALE_PASSWORD = 'scale-bench-password';

const RESULT_MARK = 'RESULT ';

export interface PreparedStore {
	seededDocs: Partial<Record<CollectionName, number>>;
	seedMs: number;
	indexMs: number;
	/** createBaodaoServer on the seeded store: layout, channel rules check, issuer key. */
	serverStartMs: number;
	/** The summary worker's first pass over the store, until `idle()`. */
	summariesMs: number;
	summaryDocs: number;
}

/**
 * Seeds the bureau of `members` into the embedded store in `dataDir`, builds its channel index,
 * starts the server on it once and lets its summary worker catch up (the worker's checkpoint
 * stays in the store, so the app's worker starts from there).
 */
async function prepare(dataDir: string, members: number, now: Date): Promise<PreparedStore> {
	const world = planScaleBureau(members, now);
	const store = openStore({ dataDir });
	await applyCouchSetup(store);
	const seeded = await seedScaleStore(store, world, collectionNames);
	const total = Object.values(seeded.docs).reduce((a, b) => a + b, 0);
	log(`    seeded ${total.toLocaleString('en-US')} documents in ${fmtMs(seeded.ms)}`);
	await putAccounts(store.db('accounts'), Object.values(scaleAccounts(world)), SCALE_PASSWORD);

	// What the server does at start (warmChannelIndex).
	const indexStart = performance.now();
	await store.channelIndex.warm();
	const indexMs = since(indexStart);
	log(`    channel index built in ${fmtMs(indexMs)}`);
	await store.close();

	const serverStart = performance.now();
	const server = await createBaodaoServer({ dataDir, now: () => now });
	const serverStartMs = since(serverStart);
	const summariesStart = performance.now();
	await server.summaries?.idle();
	const summariesMs = since(summariesStart);
	const summaryDocs = (await server.store.db('evaluations').info()).doc_count;
	await server.close();
	log(
		`    server start ${fmtMs(serverStartMs)}; ${summaryDocs.toLocaleString('en-US')} summaries in ${fmtMs(summariesMs)}`
	);
	return {
		seededDocs: seeded.docs,
		seedMs: seeded.ms,
		indexMs,
		serverStartMs,
		summariesMs,
		summaryDocs
	};
}

/**
 * Prepares the store in a process of its own: LevelDB locks its folders per process, and the
 * channel index's databases stay open until the process ends, so the app could not open them.
 */
export function prepareScaleStore(
	dataDir: string,
	members: number,
	now: Date
): Promise<PreparedStore> {
	const child = spawn(
		process.execPath,
		[
			'--import',
			'tsx',
			new URL(import.meta.url).pathname,
			dataDir,
			String(members),
			now.toISOString()
		],
		{ stdio: ['ignore', 'pipe', 'inherit'] }
	);
	let pending = '';
	let result: PreparedStore | null = null;
	child.stdout.setEncoding('utf8');
	// Its log lines go through as they come; the line starting with RESULT_MARK is the result.
	child.stdout.on('data', (chunk: string) => {
		const lines = (pending + chunk).split('\n');
		pending = lines.pop() ?? '';
		for (const line of lines) {
			if (line.startsWith(RESULT_MARK))
				result = JSON.parse(line.slice(RESULT_MARK.length)) as PreparedStore;
			else console.log(line);
		}
	});
	return new Promise((resolve, reject) => {
		child.once('error', reject);
		// 'close', not 'exit': by then its output has been read to the end.
		child.once('close', (code) => {
			if (code === 0 && result) resolve(result);
			else reject(new Error(`Preparing the scale store ended with ${code}.`));
		});
	});
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
	const [dataDir = '', members = '', now = ''] = process.argv.slice(2);
	const prepared = await prepare(dataDir, Number(members), new Date(now));
	console.log(RESULT_MARK + JSON.stringify(prepared));
	process.exit(0);
}
