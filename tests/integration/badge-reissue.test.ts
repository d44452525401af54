import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badgeTrustOf } from '../../src/lib/domain/codes/badge-registry';
import { checkBadgeToken, shortCodeDigest } from '../../src/lib/domain/codes/badge-token';
import {
	badgeCredentialId,
	badgeRecordId,
	revocationId,
	type BadgeRecord,
	type Credential,
	type Revocation
} from '../../src/lib/domain/registry';
import { HttpClient } from '../support/http-client';
import { World } from '../support/world';

const REISSUES = 10;

/** A member tapping "re-issue" on several devices at once: every request ends well, one badge holds. */
describe('concurrent badge re-issues', () => {
	let world: World;

	beforeAll(async () => {
		world = await World.start(['member1']);
	});
	afterAll(() => world.close());

	const stored = async <T>(db: 'directory' | 'credentials', id: string) =>
		(await world.db(db).get(id)) as unknown as T;

	it(`answers all ${REISSUES} at once with a new serial each, and the last one holds`, async () => {
		const member = new HttpClient(world.url);
		expect((await member.signIn('member1')).status).toBe(200);

		const answers = await Promise.all(
			Array.from({ length: REISSUES }, () =>
				member.json<{ serial: number }>('/api/badge', { method: 'POST' })
			)
		);
		expect(answers.map((answer) => answer.status)).toEqual(Array(REISSUES).fill(201));
		const serials = answers.map((answer) => answer.body.serial).sort((a, b) => a - b);
		expect(serials).toEqual(Array.from({ length: REISSUES }, (_, index) => index + 1));

		// The member's token, the registry entry and the revocation list agree on the last serial.
		const credential = await stored<Credential>('credentials', badgeCredentialId('m001'));
		const entry = await stored<BadgeRecord>('directory', badgeRecordId('m001'));
		const revocation = await stored<Revocation>('credentials', revocationId('m001'));
		expect(credential.serial).toBe(REISSUES);
		expect(entry.serial).toBe(REISSUES);
		expect(entry.shortCodeDigest).toBe(shortCodeDigest(credential.shortCode ?? ''));
		expect(revocation.belowSerial).toBe(REISSUES);

		const directory = await world.db('directory').allDocs({ include_docs: true });
		const trust = badgeTrustOf({
			records: directory.rows.map((row) => row.doc as unknown as BadgeRecord),
			revocations: [revocation]
		});
		expect(checkBadgeToken(credential.token ?? '', trust)).toMatchObject({
			ok: true,
			claims: { serial: REISSUES }
		});
	});
});
