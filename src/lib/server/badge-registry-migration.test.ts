import { describe, expect, it } from 'vitest';
import { shortCodeDigest } from '../domain/codes/badge-token';
import { revocationId } from '../domain/codes/revocations';
import { badgeRecordId } from '../domain/registry';
import { STORE_TIMEOUT_MS, useTempStore } from '../../test-data/test-store';
import { migrateBadgeRegistry } from './badge-registry-migration';
import { removalFor, type Departure } from './departures';
import type { StoredDoc } from './stored-doc';

const NOW = new Date('2026-06-01T00:00:00.000Z');

/** A badge entry as the previous version wrote it: public, without a branch. */
function publicEntry(memberId: string, serial: number, extra: object = {}) {
	return {
		_id: badgeRecordId(memberId),
		kind: 'badge',
		memberId,
		serial,
		shortCodeDigest: shortCodeDigest('ABCD1234'),
		issuedAt: '2026-01-01T00:00:00.000Z',
		channels: ['public'],
		...extra
	};
}

describe('migrateBadgeRegistry', { timeout: STORE_TIMEOUT_MS }, () => {
	const store = useTempStore('badge-migration');

	async function seedPreviousVersion() {
		await store()
			.db('members')
			.bulkDocs([
				{ _id: 'm001', name: '张三', branchId: 'br1', orgId: 'org-a', channels: [] },
				{ _id: 'm002', name: '李四', branchId: 'br2', orgId: 'org-a', channels: [] }
			]);
		await store()
			.db('directory')
			.bulkDocs([
				{
					_id: 'issuer.k1',
					kind: 'issuer',
					keyId: 'k1',
					publicKey: 'ab'.repeat(32),
					issuedAt: '2026-01-01T00:00:00.000Z',
					channels: ['public']
				},
				publicEntry('m001', 1),
				publicEntry('m002', 3),
				// A member whose profile is gone, marked revoked by hand.
				publicEntry('m009', 2, { revoked: true }),
				{ _id: 'br1', kind: 'branch', name: '一支部', channels: ['public'] }
			]);
	}

	async function entry(memberId: string) {
		return (await store().db('directory').get(badgeRecordId(memberId))) as StoredDoc;
	}

	it("moves each member's entry from public to the member and branch", async () => {
		await seedPreviousVersion();
		await migrateBadgeRegistry(store(), NOW);
		expect(await entry('m001')).toMatchObject({
			branchId: 'br1',
			serial: 1,
			channels: ['branch:br1', 'member:m001']
		});
		expect(await entry('m002')).toMatchObject({
			branchId: 'br2',
			channels: ['branch:br2', 'member:m002']
		});
		const gone = await entry('m009');
		expect(gone['channels']).toEqual(['member:m009']);
		expect(gone).not.toHaveProperty('revoked');
		// Issuer keys and the rest of the directory stay public.
		expect((await store().db('directory').get('issuer.k1'))['channels']).toEqual(['public']);
		expect((await store().db('directory').get('br1'))['channels']).toEqual(['public']);
	});

	it('tells devices that held an entry only through public to drop it', async () => {
		await seedPreviousVersion();
		await migrateBadgeRegistry(store(), NOW);
		const record = await store()
			.db('departures')
			.get(`directory/${badgeRecordId('m001')}`);
		const departures = record['departures'] as Departure[];
		const current = await entry('m001');
		expect(removalFor(departures, new Set(['public', 'member:m005']), current)).toMatchObject({
			_id: badgeRecordId('m001'),
			_deleted: true
		});
	});

	it('lists a revocation for every reissued or withdrawn badge, and for no one else', async () => {
		await seedPreviousVersion();
		await migrateBadgeRegistry(store(), NOW);
		const credentials = await store()
			.db('credentials')
			.allDocs({ include_docs: true, startkey: 'revocation.', endkey: 'revocation.\ufff0' });
		expect(credentials.rows.map((row) => row.doc)).toMatchObject([
			{
				_id: revocationId('m002'),
				kind: 'revocation',
				memberId: 'm002',
				belowSerial: 3,
				channels: ['scanners']
			},
			{ _id: revocationId('m009'), belowSerial: 3 }
		]);
	});

	it('changes nothing when run again, even without its marker', async () => {
		await seedPreviousVersion();
		await migrateBadgeRegistry(store(), NOW);
		const revs = async () => {
			const all = await Promise.all(
				['directory', 'credentials', 'departures'].map((name) =>
					store()
						.db(name as 'directory')
						.allDocs()
				)
			);
			return all.flatMap((result) => result.rows.map((row) => `${row.id}@${row.value.rev}`));
		};
		const before = await revs();
		await migrateBadgeRegistry(store(), NOW);
		const marker = await store().db('config').get('badge-registry');
		await store().db('config').remove(marker);
		await migrateBadgeRegistry(store(), NOW);
		expect(await revs()).toEqual(before);
	});
});
