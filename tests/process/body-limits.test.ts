import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withChannels } from '../../src/lib/domain/access/write-policy';
import { MAX_FILE_BYTES, fileUrl } from '../../src/lib/domain/files/file-rules';
import { claimId, type Claim } from '../../src/lib/domain/marketplace/claim-record';
import type { AnyDoc } from '../../src/lib/domain/registry';
import { createAccount } from '../../src/lib/server/accounts';
import { BODY_LIMIT_BYTES } from '../../src/lib/server/body-limits';
import { toStored } from '../../src/lib/server/demo/demo-seed';
import { SESSION_COOKIE, startSession } from '../../src/lib/server/sessions';
import { openStore } from '../../src/lib/server/store';
import { startBuiltApp, type BuiltApp } from '../support/built-app';

/**
 * adapter-node has one body limit for all routes, `BODY_SIZE_LIMIT` (11M, as `npm start` sets
 * it): a whole evidence file gets through to its route, and every other route still refuses a
 * body over its own 8 MB (hooks.server.ts, body-limits.ts).
 */

/** The largest file the server takes: a PDF of exactly 10 MB. */
const PDF = new Uint8Array(MAX_FILE_BYTES);
PDF.set(new TextEncoder().encode('%PDF-1.7\n'));
const HASH = createHash('sha256').update(PDF).digest('hex');
const AT = `${new Date().getUTCFullYear()}-06-01T02:00:00.000Z`;

const claim: Claim = {
	id: claimId('it-big', 'm001'),
	kind: 'claim',
	itemId: 'it-big',
	itemKind: 'need',
	communityId: 'cm1',
	memberId: 'm001',
	memberName: '党员一',
	branchId: 'br1',
	orgId: 'org-a',
	claimedAt: AT,
	state: 'done',
	done: { at: AT, minutes: 60, note: '', photos: [HASH] },
	updatedAt: AT,
	channels: []
};

let app: BuiltApp;
let dataDir: string;
let cookie: string;

beforeAll(async () => {
	dataDir = await mkdtemp(join(tmpdir(), 'baodao-body-limits-'));
	const store = openStore({ dataDir });
	try {
		await createAccount(store.db('accounts'), {
			username: 'member1',
			password: 'unused-password',
			displayName: '党员一',
			memberId: 'm001',
			branchId: 'br1',
			orgId: 'org-a',
			roles: [{ role: 'member' }]
		});
		await store
			.db('attendance')
			.put(toStored(withChannels('attendance', claim as object as AnyDoc)));
		const { token } = await startSession(store.db('sessions'), 'member1', new Date(), 3_600_000);
		cookie = `${SESSION_COOKIE}=${token}`;
	} finally {
		await store.close();
	}
	app = await startBuiltApp({ env: { DATA_DIR: dataDir, DEMO_DATA: '0' } });
});
afterAll(async () => {
	await app?.stop('SIGKILL');
	await rm(dataDir, { recursive: true, force: true });
});

const send = (path: string, method: string, body: Uint8Array, type: string) =>
	fetch(app.url + path, {
		method,
		headers: { cookie, 'content-type': type },
		body: new Blob([new Uint8Array(body)])
	});

describe('request body limits of the built app', () => {
	it('takes a whole 10 MB file on the file route', async () => {
		const answer = await send(
			fileUrl(HASH, { collection: 'attendance', docId: claim.id }),
			'PUT',
			PDF,
			'application/pdf'
		);
		expect(answer.status).toBe(201);
	});

	it('refuses a body over 8 MB on every other route', async () => {
		const big = new Uint8Array(BODY_LIMIT_BYTES + 1);
		for (const [path, method] of [
			['/sync/attendance/_bulk_docs', 'POST'],
			['/api/session', 'POST'],
			['/', 'POST']
		] as const) {
			const answer = await send(path, method, big, 'application/json');
			expect(answer.status, path).toBe(413);
		}
	});
});
