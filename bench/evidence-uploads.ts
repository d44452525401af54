import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import PouchDB from 'pouchdb';
import { withChannels } from '../src/lib/domain/access/write-policy';
import { fileUrl } from '../src/lib/domain/files/file-rules';
import { claimId, type Claim } from '../src/lib/domain/marketplace/claim-record';
import type { AnyDoc } from '../src/lib/domain/registry';
import { createAccount } from '../src/lib/server/accounts';
import { toStored } from '../src/lib/server/demo/demo-seed';
import { SESSION_COOKIE, startSession } from '../src/lib/server/sessions';
import { openStore } from '../src/lib/server/store';
import { startBuiltApp } from './built-app';
import type { Row } from './report';
import { fmtKB, fmtMB, fmtMs, median, percentile, since } from './support';

/**
 * Issue 16: `devices` phones each upload `perDevice` photos of their done claims to the built app
 * at once (each phone one at a time, as the device's uploader does), one photo shared by every
 * phone (a group photo). Every upload must land and every distinct file be stored once. The
 * baselines, in the same run: the same uploads from one phone after another, and the same bytes
 * put straight into a plain PouchDB database as attachments (the store's own cost).
 */
export interface EvidenceUploadOptions {
	devices: number;
	perDevice: number;
	/** Bytes of each photo: about what a 1600-pixel JPEG at quality 0.85 weighs. */
	photoBytes: number;
}

export interface UploadRun {
	totalMs: number;
	perUploadMs: number[];
	/** Answers by status. */
	answers: Record<string, number>;
	filesStored: number;
	bytesStored: number;
}

export interface EvidenceUploadResult extends EvidenceUploadOptions {
	uploads: number;
	distinct: number;
	concurrent: UploadRun;
	oneByOne: UploadRun;
	plainPouch: { totalMs: number; perPutMs: number[] };
}

const STARTS_MS = 120_000;
const AT = `${new Date().getUTCFullYear()}-06-01T02:00:00.000Z`;

interface Phone {
	cookie: string;
	claimId: string;
	photos: Uint8Array[];
}

/** A JPEG's first bytes, then noise: the server sniffs the start and hashes the rest. */
function photo(bytes: number): Uint8Array {
	const body = new Uint8Array(randomBytes(bytes));
	body.set([0xff, 0xd8, 0xff, 0xe0]);
	return body;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Accounts, sessions and done claims citing each phone's photos, in a store the app opens next. */
async function prepare(dataDir: string, options: EvidenceUploadOptions, shared: Uint8Array) {
	const store = openStore({ dataDir });
	const phones: Phone[] = [];
	try {
		for (let index = 1; index <= options.devices; index++) {
			const memberId = `m${String(index).padStart(3, '0')}`;
			const username = `member${index}`;
			await createAccount(store.db('accounts'), {
				username,
				password: 'unused-password',
				displayName: username,
				memberId,
				branchId: 'br1',
				orgId: 'org-a',
				roles: [{ role: 'member' }]
			});
			const photos = [
				...Array.from({ length: options.perDevice - 1 }, () => photo(options.photoBytes)),
				shared
			];
			const claim: Claim = {
				id: claimId('it-bench', memberId),
				kind: 'claim',
				itemId: 'it-bench',
				itemKind: 'need',
				communityId: 'cm1',
				memberId,
				memberName: username,
				branchId: 'br1',
				orgId: 'org-a',
				claimedAt: AT,
				state: 'done',
				done: { at: AT, minutes: 60, note: '', photos: photos.map(sha256) },
				updatedAt: AT,
				channels: []
			};
			await store
				.db('attendance')
				.put(toStored(withChannels('attendance', claim as object as AnyDoc)));
			const { token } = await startSession(store.db('sessions'), username, new Date(), 3_600_000);
			phones.push({ cookie: `${SESSION_COOKIE}=${token}`, claimId: claim.id, photos });
		}
	} finally {
		await store.close();
	}
	return phones;
}

async function upload(url: string, phone: Phone, bytes: Uint8Array, times: number[]) {
	const started = performance.now();
	const answer = await fetch(
		url + fileUrl(sha256(bytes), { collection: 'attendance', docId: phone.claimId }),
		{
			method: 'PUT',
			headers: { cookie: phone.cookie, 'content-type': 'image/jpeg' },
			body: new Blob([new Uint8Array(bytes)])
		}
	);
	await answer.arrayBuffer();
	times.push(performance.now() - started);
	return answer.status;
}

/** Runs the uploads against a fresh built app, at once or one phone after another. */
async function run(
	options: EvidenceUploadOptions,
	concurrent: boolean,
	shared: Uint8Array
): Promise<UploadRun> {
	const dataDir = await mkdtemp(join(tmpdir(), 'baodao-bench-files-'));
	try {
		const phones = await prepare(dataDir, options, shared);
		const app = await startBuiltApp(dataDir, STARTS_MS);
		const times: number[] = [];
		const answers: Record<string, number> = {};
		const phoneUploads = async (phone: Phone) => {
			for (const bytes of phone.photos) {
				const status = await upload(app.url, phone, bytes, times);
				answers[status] = (answers[status] ?? 0) + 1;
			}
		};
		const started = performance.now();
		try {
			if (concurrent) await Promise.all(phones.map(phoneUploads));
			else for (const phone of phones) await phoneUploads(phone);
		} finally {
			await app.stop();
		}
		const totalMs = since(started);
		const store = openStore({ dataDir });
		try {
			const files = await store.db('files').allDocs({ include_docs: true });
			const sizes = files.rows.map((row) => Number(row.doc?.['size'] ?? 0));
			return {
				totalMs,
				perUploadMs: times,
				answers,
				filesStored: files.rows.length,
				bytesStored: sizes.reduce((sum, size) => sum + size, 0)
			};
		} finally {
			await store.close();
		}
	} finally {
		await rm(dataDir, { recursive: true, force: true });
	}
}

/** The same bytes put straight into a plain LevelDB PouchDB, one after another. */
async function plainPouch(photos: Uint8Array[]) {
	const dir = await mkdtemp(join(tmpdir(), 'baodao-bench-plain-files-'));
	const db = new PouchDB(join(dir, 'files'));
	const times: number[] = [];
	const started = performance.now();
	try {
		for (const bytes of photos) {
			const put = performance.now();
			const id = sha256(bytes);
			const existing = await db.get(id).catch(() => null);
			if (!existing) {
				await db.put({
					_id: id,
					_attachments: { file: { content_type: 'image/jpeg', data: Buffer.from(bytes) } }
				});
			}
			times.push(performance.now() - put);
		}
		return { totalMs: since(started), perPutMs: times };
	} finally {
		await db.close();
		await rm(dir, { recursive: true, force: true });
	}
}

export async function benchEvidenceUploads(
	options: EvidenceUploadOptions
): Promise<EvidenceUploadResult> {
	const shared = photo(options.photoBytes);
	const concurrent = await run(options, true, shared);
	const oneByOne = await run(options, false, shared);
	const uploads = options.devices * options.perDevice;
	const plain = await plainPouch([
		...Array.from({ length: uploads - options.devices }, () => photo(options.photoBytes)),
		...Array.from({ length: options.devices }, () => shared)
	]);
	return {
		...options,
		uploads,
		distinct: uploads - options.devices + 1,
		concurrent,
		oneByOne,
		plainPouch: plain
	};
}

export function evidenceUploadRows(result: EvidenceUploadResult): Row[] {
	const { concurrent, oneByOne, plainPouch: plain } = result;
	const landed = concurrent.answers['201'] ?? 0;
	const again = concurrent.answers['200'] ?? 0;
	const allLanded =
		landed + again === result.uploads &&
		concurrent.filesStored === result.distinct &&
		oneByOne.filesStored === result.distinct;
	return [
		[
			`(r) ${result.uploads} photos (${fmtKB(result.photoBytes)} each) from ${result.devices} devices at once: total`,
			fmtMs(concurrent.totalMs),
			`${fmtMs(oneByOne.totalMs)} one device after another`,
			`${(oneByOne.totalMs / concurrent.totalMs).toFixed(1)}× faster`,
			'all land, once each',
			allLanded ? 'met' : 'MISSED'
		],
		[
			'    per upload p50 / p95 (at once; one after another)',
			`${fmtMs(median(concurrent.perUploadMs))} / ${fmtMs(percentile(concurrent.perUploadMs, 95))}`,
			`${fmtMs(median(oneByOne.perUploadMs))} / ${fmtMs(percentile(oneByOne.perUploadMs, 95))}`,
			'',
			'(info)',
			''
		],
		[
			'    the same bytes as plain PouchDB attachment puts: total, p50 per put',
			`${fmtMs(plain.totalMs)}, ${fmtMs(median(plain.perPutMs))}`,
			'',
			'',
			'(info)',
			''
		],
		[
			'    files stored (= distinct hashes); bytes stored; answers 201 + 200',
			`${concurrent.filesStored} (= ${result.distinct}); ${fmtMB(concurrent.bytesStored)}`,
			`${landed} + ${again}`,
			'',
			'(info)',
			''
		]
	];
}
