import { describe, expect, it } from 'vitest';
import { badgeTrustOf } from '../domain/codes/badge-registry';
import { codeWindowAt } from '../domain/codes/activity-code';
import { checkBadgePresentation, presentBadge } from '../domain/codes/badge-presentation';
import { checkBadgeToken, readBadgeToken } from '../domain/codes/badge-token';
import { publicKeyOf } from '../domain/codes/ed25519-signing';
import { isRevocation, revocationId } from '../domain/codes/revocations';
import {
	badgeCredentialId,
	badgeRecordId,
	type BadgeRecord,
	type Credential
} from '../domain/registry';
import { STORE_TIMEOUT_MS, useTempStore } from '../../test-data/test-store';
import { issueBadge, withdrawBadge } from './badge-issuer';
import type { Store } from './store';

const NOW = new Date('2026-06-01T00:00:00.000Z');

async function stored<T>(store: Store, db: 'directory' | 'credentials', id: string) {
	return (await store
		.db(db)
		.get(id)
		.catch(() => null)) as (T & { _id: string }) | null;
}

/** What a kiosk holds after syncing: every issuer key and every revocation (no badge entries). */
async function kioskTrust(store: Store) {
	const directory = await store.db('directory').allDocs({ include_docs: true });
	const credentials = await store.db('credentials').allDocs({ include_docs: true });
	return badgeTrustOf({
		records: directory.rows
			.map((row) => row.doc as unknown as BadgeRecord)
			.filter((doc) => doc.kind === 'issuer'),
		revocations: credentials.rows.map((row) => row.doc as { kind?: unknown }).filter(isRevocation)
	});
}

async function tokenOf(store: Store, memberId: string): Promise<string> {
	const credential = await stored<Credential>(store, 'credentials', badgeCredentialId(memberId));
	return credential?.token ?? '';
}

/**
 * The store as another gateway of the deployment races it: right before each of the first `races`
 * writes of the member's badge token, the other gateway writes that document too (a new revision),
 * so the write made on the revision read earlier is a real conflict.
 */
function racedByAnotherGateway(store: Store, races: number): Store {
	let left = races;
	const credentials = store.db('credentials');
	const put: typeof credentials.put = async (doc: { _id: string }, ...rest: never[]) => {
		if (left > 0 && doc._id === badgeCredentialId('m001')) {
			left--;
			await credentials.put(await credentials.get(doc._id));
		}
		return credentials.put(doc, ...rest);
	};
	const raced = Object.assign(Object.create(credentials) as typeof credentials, { put });
	return { ...store, db: (name) => (name === 'credentials' ? raced : store.db(name)) };
}

describe('issuing and withdrawing badges', { timeout: STORE_TIMEOUT_MS }, () => {
	const store = useTempStore('badge-issuer');

	/** Member m001's profile, in `branchId`. */
	async function member(branchId = 'br1') {
		const existing = await store()
			.db('members')
			.get('m001')
			.catch(() => null);
		await store()
			.db('members')
			.put({
				_id: 'm001',
				...(existing ? { _rev: existing._rev } : {}),
				name: '张三',
				branchId,
				orgId: 'org-a',
				channels: []
			});
	}

	it('revokes nothing with the first badge, and every older one with the next', async () => {
		await member();
		expect(await issueBadge(store(), 'm001', NOW)).toEqual({ ok: true, serial: 1 });
		const first = await tokenOf(store(), 'm001');
		expect(await stored(store(), 'credentials', revocationId('m001'))).toBeNull();
		expect(checkBadgeToken(first, await kioskTrust(store()))).toMatchObject({ ok: true });

		expect(await issueBadge(store(), 'm001', NOW)).toEqual({ ok: true, serial: 2 });
		const second = await tokenOf(store(), 'm001');
		expect(await stored(store(), 'credentials', revocationId('m001'))).toMatchObject({
			kind: 'revocation',
			memberId: 'm001',
			belowSerial: 2,
			channels: ['scanners']
		});
		const trust = await kioskTrust(store());
		expect(checkBadgeToken(first, trust)).toEqual({ ok: false, problem: 'revoked' });
		expect(checkBadgeToken(second, trust)).toMatchObject({ ok: true });
	});

	it('gives each badge a key pair of its own, the secret half to the member’s devices only', async () => {
		await member();
		await issueBadge(store(), 'm001', NOW);
		const first = await stored<Credential>(store(), 'credentials', badgeCredentialId('m001'));
		const claims = readBadgeToken(first?.token ?? '')?.claims;
		expect(claims?.badgeKey).toMatch(/^[0-9a-f]{64}$/);
		expect(publicKeyOf(first?.secretKey ?? '')).toBe(claims?.badgeKey);
		expect(first?.channels).toEqual(['member:m001']);
		// What the member's phone shows, a kiosk admits.
		const shown = presentBadge(first?.token ?? '', codeWindowAt(NOW), first?.secretKey ?? '');
		expect(checkBadgePresentation(shown, await kioskTrust(store()), NOW)).toMatchObject({
			ok: true
		});

		await issueBadge(store(), 'm001', NOW);
		const second = await stored<Credential>(store(), 'credentials', badgeCredentialId('m001'));
		expect(second?.secretKey).not.toBe(first?.secretKey);
		expect(readBadgeToken(second?.token ?? '')?.claims.badgeKey).not.toBe(claims?.badgeKey);
	});

	it('starts again on fresh revisions when another gateway changed the badge meanwhile', async () => {
		await member();
		await issueBadge(store(), 'm001', NOW);
		expect(await issueBadge(racedByAnotherGateway(store(), 2), 'm001', NOW)).toEqual({
			ok: true,
			serial: 2
		});
		const credential = await stored<Credential>(store(), 'credentials', badgeCredentialId('m001'));
		expect(credential?.serial).toBe(2);
		expect(await stored(store(), 'directory', badgeRecordId('m001'))).toMatchObject({ serial: 2 });
		expect(await stored(store(), 'credentials', revocationId('m001'))).toMatchObject({
			belowSerial: 2
		});
	});

	it('gives up, with nothing of its own written, when the race goes on', async () => {
		await member();
		await issueBadge(store(), 'm001', NOW);
		const before = await tokenOf(store(), 'm001');
		expect(await issueBadge(racedByAnotherGateway(store(), 10), 'm001', NOW)).toEqual({
			ok: false,
			reason: 'contended'
		});
		expect(await tokenOf(store(), 'm001')).toBe(before);
		expect(await stored(store(), 'directory', badgeRecordId('m001'))).toMatchObject({ serial: 1 });
		expect(await stored(store(), 'credentials', revocationId('m001'))).toBeNull();
	});

	it("gives the badge entry the member's branch, and moves it with the member", async () => {
		await member('br1');
		await issueBadge(store(), 'm001', NOW);
		expect(await stored<BadgeRecord>(store(), 'directory', badgeRecordId('m001'))).toMatchObject({
			branchId: 'br1',
			channels: ['branch:br1', 'member:m001']
		});
		await member('br2');
		await issueBadge(store(), 'm001', NOW);
		expect(await stored<BadgeRecord>(store(), 'directory', badgeRecordId('m001'))).toMatchObject({
			branchId: 'br2',
			channels: ['branch:br2', 'member:m001']
		});
		// br1's secretary is told to drop the entry.
		const departures = await store()
			.db('departures')
			.get(`directory/${badgeRecordId('m001')}`);
		expect(departures['departures']).toMatchObject([{ channels: ['branch:br1'] }]);
	});

	it('withdraws every badge of a member who left, until one is issued again', async () => {
		await member();
		expect(await withdrawBadge(store(), 'm001', NOW)).toEqual({ ok: false, reason: 'no-badge' });
		await issueBadge(store(), 'm001', NOW);
		const only = await tokenOf(store(), 'm001');
		expect(await withdrawBadge(store(), 'm001', NOW)).toEqual({ ok: true, belowSerial: 2 });
		expect(checkBadgeToken(only, await kioskTrust(store()))).toEqual({
			ok: false,
			problem: 'revoked'
		});
		// The token leaves the member's devices: deleted with its body, so its channels are known.
		const deleted = await store()
			.db('credentials')
			.allDocs({ keys: [badgeCredentialId('m001')] });
		expect(deleted.rows[0]).toMatchObject({ value: { deleted: true } });

		expect(await issueBadge(store(), 'm001', NOW)).toEqual({ ok: true, serial: 2 });
		const renewed = await tokenOf(store(), 'm001');
		expect(checkBadgeToken(renewed, await kioskTrust(store()))).toMatchObject({ ok: true });
		expect(await stored(store(), 'credentials', revocationId('m001'))).toMatchObject({
			belowSerial: 2
		});
	});
});
