import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBase64Url, fromBase64Url } from '../../src/lib/domain/codes/byte-encoding';
import type { CertificateVerdict } from '../../src/lib/domain/certificates/certificate-token';
import type { Certificate } from '../../src/lib/domain/certificates/certificates';
import { shanghaiIsoDay } from '../../src/lib/domain/certificates/certificate-content';
import { HttpClient } from '../support/http-client';
import { World } from '../support/world';

/** member1's records of the demo: approved service this year. */
const MEMBER = 'm001';

describe('/api/certificates and the public check', () => {
	let world: World;
	const clients: Record<string, HttpClient> = {};
	const today = shanghaiIsoDay(new Date());
	const period = { from: `${today.slice(0, 4)}-01-01`, to: today };

	beforeAll(async () => {
		world = await World.start(['member1', 'member2', 'office1', 'office2']);
		for (const username of ['member1', 'member2', 'office1', 'office2']) {
			clients[username] = new HttpClient(world.url);
			expect((await clients[username].signIn(username)).status).toBe(200);
		}
	});

	afterAll(async () => {
		await world?.close();
	});

	const issue = (username: string, memberId: string, span = period) =>
		clients[username]!.json<{ certificate: Certificate; error?: string }>('/api/certificates', {
			method: 'POST',
			json: { memberId, ...span }
		});
	const revoke = (username: string, id: string, reason = '服务记录有误，重新出具') =>
		clients[username]!.json<{ error?: string }>(`/api/certificates/${id}/revoke`, {
			method: 'POST',
			json: { reason }
		});
	const anonymous = () => new HttpClient(world.url);
	const verify = (body: object, client = anonymous()) =>
		client.json<CertificateVerdict>('/api/public/certificates/verify', {
			method: 'POST',
			json: body
		});

	it('lets a member issue their own, stored where the member and the bureau read it', async () => {
		const { status, body } = await issue('member1', MEMBER);
		expect(status).toBe(201);
		const { certificate } = body;
		expect(certificate).toMatchObject({
			kind: 'certificate',
			memberId: MEMBER,
			issuedBy: 'member1'
		});
		expect(certificate.channels).toEqual([
			`bureau:${certificate.orgId}/${today.slice(0, 4)}`,
			`member:${MEMBER}`
		]);
		const stored = await world.db('evaluations').get(certificate.id);
		expect(stored['signedToken']).toBe(certificate.signedToken);
		const checked = await verify({ token: certificate.signedToken });
		expect(checked.status).toBe(200);
		expect(checked.body).toMatchObject({
			state: 'valid',
			content: { name: certificate.memberName }
		});
		if (checked.body.state !== 'valid') throw new Error('not valid');
		expect(checked.body.content.minutes).toBeGreaterThan(0);
		expect(checked.body.content.issuedOn).toBe(today);
		// No mobile, no ID number: only what the certificate shows.
		expect(JSON.stringify(checked.body)).not.toMatch(/1[3-9]\d{9}/);
		const typed = await verify({ code: certificate.certificateCode.toLowerCase() });
		expect(typed.body).toEqual(checked.body);
	});

	it('refuses a member issuing for someone else, and an office of another bureau', async () => {
		const other = await issue('member1', 'm002');
		expect(other.status).toBe(404);
		const elsewhere = await issue('office2', MEMBER);
		expect(elsewhere.status).toBe(404);
		const unknown = await issue('office1', 'm999');
		expect(unknown.status).toBe(404);
		expect((await anonymous().json('/api/certificates', { method: 'POST', json: {} })).status).toBe(
			401
		);
	});

	it('refuses a period that is none, or holds no approved service', async () => {
		const future = await issue('member1', MEMBER, { from: period.from, to: '2099-01-01' });
		expect(future).toMatchObject({ status: 400, body: { error: 'period_future' } });
		const empty = await issue('member1', MEMBER, { from: '2020-01-01', to: '2020-12-31' });
		expect(empty).toMatchObject({ status: 422, body: { error: 'nothing_to_certify' } });
	});

	it('refuses a tampered token, and answers 404 for an unknown code', async () => {
		const { body } = await issue('member1', MEMBER);
		const [prefix, keyId, payload, signature] = body.certificate.signedToken.split('~');
		const fields = JSON.parse(
			new TextDecoder().decode(fromBase64Url(payload ?? '') ?? new Uint8Array())
		) as unknown[];
		// Ten times the hours, in the same canonical spelling, under the original signature.
		fields[8] = Number(fields[8]) * 10;
		const edited = toBase64Url(new TextEncoder().encode(JSON.stringify(fields)));
		const forged = [prefix, keyId, edited, signature].join('~');
		expect((await verify({ token: forged })).body).toEqual({ state: 'tampered' });
		expect((await verify({ token: 'C1~x~y~z' })).body).toEqual({ state: 'tampered' });
		expect((await verify({ code: 'ZZZZ-ZZZZ-ZZZZ' })).status).toBe(404);
		expect((await verify({ code: 'nonsense' })).status).toBe(400);
	});

	it('lets only the office of the bureau revoke, and the check says revoked', async () => {
		const { body } = await issue('office1', MEMBER);
		const { certificate } = body;
		expect(certificate.issuedBy).toBe('office1');
		expect((await revoke('office2', certificate.id)).status).toBe(404);
		expect((await revoke('member1', certificate.id)).status).toBe(404);
		expect((await revoke('office1', certificate.id, '')).status).toBe(400);
		expect((await revoke('office1', 'certificate.ZZZZZZZZZZZZ')).status).toBe(404);
		expect((await revoke('office1', certificate.id)).status).toBe(201);
		expect((await revoke('office1', certificate.id)).body).toMatchObject({
			error: 'already_revoked'
		});
		const revocation = await world.db('evaluations').get(`${certificate.id}.revocation`);
		expect(revocation).toMatchObject({
			kind: 'certificate-revocation',
			revokedBy: 'office1',
			revocationReason: '服务记录有误，重新出具'
		});
		const checked = await verify({ token: certificate.signedToken });
		expect(checked.body).toMatchObject({ state: 'revoked' });
		// The reason stays with the member and the office.
		expect(JSON.stringify(checked.body)).not.toContain('服务记录有误');
	});

	it('refuses a certificate or a revocation pushed by a device: only the server writes them', async () => {
		const { body } = await issue('member1', MEMBER);
		const { id, ...fields } = body.certificate;
		const forged = { ...fields, _id: `${id.slice(0, -4)}ZZZZ`, signedToken: 'C1~x~y~z' };
		const revocation = {
			_id: `${id}.revocation`,
			kind: 'certificate-revocation',
			certificateCode: body.certificate.certificateCode,
			memberId: MEMBER,
			orgId: body.certificate.orgId,
			year: body.certificate.year,
			revocationReason: '自己撤销',
			revokedBy: 'member1',
			revokedAt: new Date().toISOString(),
			channels: body.certificate.channels
		};
		const pushed = await clients['member1']!.json<{ error?: string; reason?: string }[]>(
			'/sync/evaluations/_bulk_docs',
			{ method: 'POST', json: { docs: [forged, revocation] } }
		);
		expect(pushed.body.map((row) => [row.error, row.reason])).toEqual([
			['conflict', 'server-owned'],
			['conflict', 'server-owned']
		]);
		await expect(world.db('evaluations').get(`${id}.revocation`)).rejects.toMatchObject({
			status: 404
		});
	});

	it('limits checks per client address', async () => {
		const client = anonymous();
		const answers: number[] = [];
		for (let i = 0; i < 25; i++)
			answers.push((await verify({ code: 'ZZZZ-ZZZZ-ZZZZ' }, client)).status);
		expect(answers).toContain(429);
	});
});
