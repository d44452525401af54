import { createHash } from 'node:crypto';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withChannels } from '../../src/lib/domain/access/write-policy';
import { MAX_FILE_BYTES, fileUrl } from '../../src/lib/domain/files/file-rules';
import { claimId, type Claim } from '../../src/lib/domain/marketplace/claim-record';
import type { ServiceItem } from '../../src/lib/domain/marketplace/service-items';
import type { AnyDoc } from '../../src/lib/domain/registry';
import { toStored } from '../../src/lib/server/demo/demo-seed';
import { FILE_UPLOAD_RULE } from '../../src/lib/server/files-api';
import { HttpClient } from '../support/http-client';
import { World } from '../support/world';

/**
 * Evidence files over HTTP (issue 16): a file is stored once, under its SHA-256, for a document
 * the caller can read that cites it; everything else is refused, and a hidden document, an
 * uncited file and a missing one all get the same answer.
 */

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A small real JPEG; `shade` makes each photo's bytes its own. */
function photo(shade: number): Uint8Array {
	const width = 16;
	const height = 12;
	const data = Buffer.alloc(width * height * 4, shade);
	return new Uint8Array(jpeg.encode({ data, width, height }, 80).data);
}

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const TEXT = new TextEncoder().encode('just some words, no image');

/** The server's clock stands still, so the upload limit is counted exactly. */
const NOW = new Date();
const YEAR = NOW.getUTCFullYear();
const AT = `${YEAR}-06-01T02:00:00.000Z`;

function item(id: string, communityId: string, photoHash: string): ServiceItem {
	return {
		id,
		kind: 'micro-wish',
		communityId,
		title: '一台收音机',
		description: '独居老人想要一台收音机',
		skills: [],
		fields: [],
		startsAt: AT,
		places: 1,
		photo: photoHash,
		budgetYuan: 100,
		state: 'open',
		createdBy: 'community1',
		createdAt: AT,
		updatedAt: AT,
		channels: []
	};
}

function doneClaim(itemId: string, photos: string[]): Claim {
	return {
		id: claimId(itemId, 'm001'),
		kind: 'claim',
		itemId,
		itemKind: 'micro-wish',
		communityId: 'cm1',
		memberId: 'm001',
		memberName: '党员一',
		branchId: 'br1',
		orgId: 'org-zjj',
		claimedAt: AT,
		state: 'done',
		done: { at: AT, minutes: 60, note: '已送到', photos },
		updatedAt: AT,
		channels: []
	};
}

const WISH_PHOTO = photo(40);
const CLAIM_PHOTO = photo(90);
const UNSENT = photo(140);
const OTHER = photo(200);

describe('/api/files: evidence files', () => {
	let world: World;
	let staff: HttpClient;
	let member: HttpClient;
	let otherMember: HttpClient;
	let anonymous: HttpClient;

	const wish = item('it-wish1', 'cm1', sha256(WISH_PHOTO));
	/** Of a community none of the callers reach. */
	const hidden = item('it-far', 'cm8', sha256(OTHER));
	const claim = doneClaim(wish.id, [
		sha256(CLAIM_PHOTO),
		sha256(UNSENT),
		sha256(TEXT),
		sha256(PDF)
	]);
	const wishFile = (hash = wish.photo ?? '') =>
		fileUrl(hash, { collection: 'activities', docId: wish.id });
	const claimFile = (hash: string) => fileUrl(hash, { collection: 'attendance', docId: claim.id });

	const put = (client: HttpClient, url: string, bytes: Uint8Array, type = 'image/jpeg') =>
		client.request(url, {
			method: 'PUT',
			headers: { 'content-type': type },
			body: new Blob([new Uint8Array(bytes)])
		});
	const allFiles = async () =>
		(await world.db('files').allDocs()).rows.filter((row) => !row.id.startsWith('_design/'));
	/** The demo's own files (the agreements' scan) are there before any test uploads. */
	let demoFiles = new Set<string>();
	const storedFiles = async () => (await allFiles()).filter((row) => !demoFiles.has(row.id));

	beforeAll(async () => {
		world = await World.start(['community1', 'member1', 'member2'], { now: () => NOW });
		demoFiles = new Set((await allFiles()).map((row) => row.id));
		const stamp = (collection: 'activities' | 'attendance', doc: object) =>
			toStored(withChannels(collection, doc as AnyDoc));
		await world.db('activities').bulkDocs([stamp('activities', wish), stamp('activities', hidden)]);
		await world.db('attendance').put(stamp('attendance', claim));
		staff = new HttpClient(world.url);
		member = new HttpClient(world.url);
		otherMember = new HttpClient(world.url);
		anonymous = new HttpClient(world.url);
		expect((await staff.signIn('community1')).status).toBe(200);
		expect((await member.signIn('member1')).status).toBe(200);
		expect((await otherMember.signIn('member2')).status).toBe(200);
	});
	afterAll(() => world?.close());

	it('stores a photo uploaded twice once, and gives it back to whoever reads its document', async () => {
		const first = await put(staff, wishFile(), WISH_PHOTO);
		expect(first.status).toBe(201);
		expect(await first.json()).toEqual({ hash: wish.photo, stored: true });
		const again = await put(staff, wishFile(), WISH_PHOTO);
		expect(again.status).toBe(200);
		expect(await again.json()).toEqual({ hash: wish.photo, stored: false });
		const files = await storedFiles();
		expect(files.map((row) => row.id)).toEqual([wish.photo]);
		const rev = files[0]?.value.rev;
		expect(rev?.startsWith('1-')).toBe(true);

		// The member the item is published to reads it.
		const read = await member.request(wishFile());
		expect(read.status).toBe(200);
		expect(read.headers.get('content-type')).toBe('image/jpeg');
		expect(read.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
		expect(read.headers.get('x-content-type-options')).toBe('nosniff');
		expect(read.headers.get('content-disposition')).toBeNull();
		expect(new Uint8Array(await read.arrayBuffer())).toEqual(WISH_PHOTO);
	});

	it('takes the photos of a claim from its member, and shows them to the community', async () => {
		expect((await put(member, claimFile(sha256(CLAIM_PHOTO)), CLAIM_PHOTO)).status).toBe(201);
		const read = await staff.request(claimFile(sha256(CLAIM_PHOTO)));
		expect(read.status).toBe(200);
		expect(new Uint8Array(await read.arrayBuffer())).toEqual(CLAIM_PHOTO);
	});

	it('keeps the type the bytes are, and sends a PDF as a download', async () => {
		// Declared as a JPEG: the bytes say PDF.
		expect((await put(member, claimFile(sha256(PDF)), PDF, 'image/jpeg')).status).toBe(201);
		const read = await staff.request(claimFile(sha256(PDF)));
		expect(read.headers.get('content-type')).toBe('application/pdf');
		expect(read.headers.get('content-disposition')).toMatch(/^attachment;/);
	});

	it('refuses what is not an image or a PDF', async () => {
		const answer = await put(member, claimFile(sha256(TEXT)), TEXT, 'image/png');
		expect(answer.status).toBe(415);
		expect(await storedFiles()).not.toContainEqual(expect.objectContaining({ id: sha256(TEXT) }));
	});

	it('refuses bytes that do not hash to the address', async () => {
		const answer = await put(member, claimFile(sha256(UNSENT)), OTHER);
		expect(answer.status).toBe(400);
		expect(await answer.json()).toMatchObject({ error: 'hash_mismatch' });
	});

	it('refuses a file over 10 MB, declared or streamed', async () => {
		const big = new Uint8Array(MAX_FILE_BYTES + 1);
		big.set(CLAIM_PHOTO);
		const declared = await put(member, claimFile(sha256(UNSENT)), big);
		expect(declared.status).toBe(413);
		const streamed = await member.request(claimFile(sha256(UNSENT)), {
			method: 'PUT',
			headers: { 'content-type': 'image/jpeg' },
			body: new Blob([big]).stream(),
			duplex: 'half'
		} as RequestInit);
		expect(streamed.status).toBe(413);
		expect((await storedFiles()).map((row) => row.id)).not.toContain(sha256(big));
	});

	it('answers a hidden document, an uncited file and a missing one alike', async () => {
		const answers = await Promise.all([
			// A community none of them reach.
			put(member, fileUrl(sha256(OTHER), { collection: 'activities', docId: hidden.id }), OTHER),
			// Another member's claim.
			put(otherMember, claimFile(sha256(UNSENT)), UNSENT),
			// A file the document does not cite.
			put(staff, wishFile(sha256(OTHER)), OTHER),
			// No such document.
			put(member, fileUrl(sha256(OTHER), { collection: 'activities', docId: 'it-none' }), OTHER),
			// A collection outside the replicated plan.
			put(member, `/api/files/${sha256(OTHER)}?doc=accounts/member1`, OTHER),
			otherMember.request(claimFile(sha256(CLAIM_PHOTO))),
			member.request(fileUrl(sha256(OTHER), { collection: 'activities', docId: hidden.id })),
			// Cited, readable, never uploaded.
			staff.request(claimFile(sha256(UNSENT)))
		]);
		const bodies = await Promise.all(answers.map((answer) => answer.text()));
		expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 404));
		expect(new Set(bodies).size).toBe(1);
		expect(await storedFiles()).toHaveLength(3);
	});

	it('needs a session, and a page of our own to upload', async () => {
		expect((await put(anonymous, wishFile(), WISH_PHOTO)).status).toBe(401);
		expect((await anonymous.request(wishFile())).status).toBe(401);
		const crossSite = await staff.request(wishFile(), {
			method: 'PUT',
			headers: { 'content-type': 'image/jpeg', 'sec-fetch-site': 'cross-site' },
			body: new Blob([new Uint8Array(WISH_PHOTO)])
		});
		expect(crossSite.status).toBe(403);
		const otherOrigin = await staff.request(wishFile(), {
			method: 'PUT',
			headers: { 'content-type': 'image/jpeg', origin: 'http://evil.example' },
			body: new Blob([new Uint8Array(WISH_PHOTO)])
		});
		expect(otherOrigin.status).toBe(403);
	});

	it('limits how many uploads one person makes', async () => {
		// member2 has made one upload already (above); the clock does not move, so nothing refills.
		const statuses: number[] = [];
		for (let i = 0; i < FILE_UPLOAD_RULE.burst; i++) {
			statuses.push((await put(otherMember, claimFile(sha256(UNSENT)), UNSENT)).status);
		}
		expect(statuses.slice(0, -1)).not.toContain(429);
		const refused = await put(otherMember, claimFile(sha256(UNSENT)), UNSENT);
		expect(statuses.at(-1)).toBe(429);
		expect(refused.status).toBe(429);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
		// Reading is counted apart.
		expect((await otherMember.request(wishFile())).status).toBe(200);
	});
});
