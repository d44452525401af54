import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { waitFor } from './support';

/** The real Apache CouchDB 3 carried beside the project (../shared/couchdb/README.md). */
const START_SCRIPT = fileURLToPath(new URL('../../shared/couchdb/start-couchdb', import.meta.url));

export interface RealCouch {
	/** Base URL with the admin's credentials. */
	url: string;
	/** GET of a path under the server, as JSON (node's fetch takes no credentials in the URL). */
	get(path: string): Promise<Record<string, unknown>>;
	close(): Promise<void>;
}

/** Starts a single node in a temporary folder; null when the release is not there. */
export async function startRealCouch(port: number): Promise<RealCouch | null> {
	if (!existsSync(START_SCRIPT)) return null;
	const dir = await mkdtemp(join(tmpdir(), 'baodao-bench-couch-'));
	const { stdout } = await promisify(execFile)(START_SCRIPT, [dir, String(port)]);
	const url = stdout.trim();
	const base = new URL(url);
	const authorization =
		'Basic ' +
		Buffer.from(
			`${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}`
		).toString('base64');
	const origin = base.origin;
	const get = async (path: string) => {
		const response = await fetch(origin + path, { headers: { authorization } });
		if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
		return (await response.json()) as Record<string, unknown>;
	};
	return {
		url,
		get,
		async close() {
			const pid = Number(await readFile(join(dir, 'couchdb.pid'), 'utf8'));
			process.kill(pid);
			await waitFor(
				'CouchDB to stop',
				() => {
					try {
						process.kill(pid, 0);
						return false;
					} catch {
						return true;
					}
				},
				30_000,
				50
			);
			await rm(dir, { recursive: true, force: true });
		}
	};
}
