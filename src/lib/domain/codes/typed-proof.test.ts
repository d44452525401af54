import { describe, expect, it } from 'vitest';
import { typedCodeProof } from './typed-proof';

const CODE = '7K2M9QXD4HBT';
const ID = 'act-1.m001.in';
const AT = '2026-06-01T01:00:00.000Z';

describe('typedCodeProof', () => {
	it('is T1 and a base64url HMAC-SHA256, the same however the code was typed', () => {
		const proof = typedCodeProof(CODE, ID, AT);
		expect(proof).toMatch(/^T1~[A-Za-z0-9_-]{43}$/);
		expect(typedCodeProof('7k2m-9qxd-4hbt', ID, AT)).toBe(proof);
	});

	it('does not contain the code, nor tell it apart from any other', () => {
		expect(typedCodeProof(CODE, ID, AT)).not.toContain(CODE);
		expect(typedCodeProof('7K2M9QXD4HBV', ID, AT)).not.toBe(typedCodeProof(CODE, ID, AT));
	});

	it('fits one check-in only: another record or another time gives another proof', () => {
		const proof = typedCodeProof(CODE, ID, AT);
		expect(typedCodeProof(CODE, 'act-2.m001.in', AT)).not.toBe(proof);
		expect(typedCodeProof(CODE, 'act-1.m001.out', AT)).not.toBe(proof);
		expect(typedCodeProof(CODE, ID, '2026-06-01T01:00:00.001Z')).not.toBe(proof);
	});
});
