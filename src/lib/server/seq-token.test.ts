import { describe, expect, it } from 'vitest';
import { SeqTokens, type FeedPosition } from './seq-token';

const tokens = new SeqTokens(new TextEncoder().encode('a test secret of some length, 32b'));
const otherTokens = new SeqTokens(new TextEncoder().encode('another secret, also long enough'));

/** Flips one character of a base64url string to another valid base64url character. */
function flip(text: string, index: number): string {
	const ch = text[index] === 'A' ? 'B' : 'A';
	return text.slice(0, index) + ch + text.slice(index + 1);
}

describe('SeqTokens', () => {
	it.each<[string, FeedPosition]>([
		['a numeric sequence', { seq: 42 }],
		['sequence zero', { seq: 0 }],
		['an opaque CouchDB sequence', { seq: '123-g1AAAABteJzLYWBgYMpgTmHgz8tPSTV0MDQy' }],
		['an index part', { seq: 17, index: { channel: 'branch:br1', after: 'm001.residence.cm2' } }],
		['an index part at its start', { seq: '5-abc', index: { channel: 'public', after: '' } }]
	])('round-trips %s', (_, position) => {
		const token = tokens.encode('reports', position);
		expect(tokens.decode('reports', token)).toEqual(position);
	});

	it('issues URL-safe tokens of payload and signature', () => {
		const token = tokens.encode('reports', {
			seq: '9-x/y+z',
			index: { channel: 'community:cm1', after: 'a b/c' }
		});
		expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
	});

	it('issues different tokens for different positions', () => {
		expect(tokens.encode('reports', { seq: 1 })).not.toBe(tokens.encode('reports', { seq: 2 }));
		expect(tokens.encode('reports', { seq: 1 })).not.toBe(tokens.encode('reviews', { seq: 1 }));
	});

	it('refuses a token for another database', () => {
		const token = tokens.encode('reports', { seq: 3 });
		expect(tokens.decode('reviews', token)).toBeNull();
		expect(tokens.decode('reports', token)).toEqual({ seq: 3 });
	});

	it('refuses a token issued with another secret', () => {
		const token = otherTokens.encode('reports', { seq: 3 });
		expect(tokens.decode('reports', token)).toBeNull();
		expect(otherTokens.decode('reports', token)).toEqual({ seq: 3 });
	});

	it('refuses a tampered payload', () => {
		const token = tokens.encode('reports', { seq: 3 });
		const [payload, signature] = token.split('.') as [string, string];
		for (let i = 0; i < payload.length; i++) {
			expect(tokens.decode('reports', `${flip(payload, i)}.${signature}`), `at ${i}`).toBeNull();
		}
	});

	it('refuses a payload swapped in from another token', () => {
		const early = tokens.encode('reports', { seq: 3 });
		const late = tokens.encode('reports', { seq: 3000 });
		const [latePayload] = late.split('.');
		const [, earlySignature] = early.split('.');
		expect(tokens.decode('reports', `${latePayload}.${earlySignature}`)).toBeNull();
	});

	it('refuses a tampered signature', () => {
		const token = tokens.encode('reports', { seq: 3 });
		const [payload, signature] = token.split('.') as [string, string];
		for (let i = 0; i < signature.length; i++) {
			expect(tokens.decode('reports', `${payload}.${flip(signature, i)}`), `at ${i}`).toBeNull();
		}
		expect(tokens.decode('reports', `${payload}.${signature.slice(1)}`)).toBeNull();
		expect(tokens.decode('reports', `${payload}.${signature}A`)).toBeNull();
		expect(tokens.decode('reports', `${payload}.`)).toBeNull();
	});

	it('refuses garbage', () => {
		const token = tokens.encode('reports', { seq: 3 });
		for (const garbage of [
			'',
			'.',
			'..',
			'0',
			'now',
			'42',
			'not-a-token',
			'%%%.%%%',
			`${token}.extra`,
			`.${token}`,
			token.replace('.', '')
		]) {
			expect(tokens.decode('reports', garbage), garbage).toBeNull();
		}
	});

	it('refuses an unsigned payload a client made up', () => {
		const payload = Buffer.from(JSON.stringify({ d: 'reports', s: 0 })).toString('base64url');
		expect(tokens.decode('reports', payload)).toBeNull();
		expect(tokens.decode('reports', `${payload}.AAAAAAAAAAAAAAAAAAAAAA`)).toBeNull();
	});

	it('walks a channel again from its start for a token of the walk before issue 11', () => {
		// Signed as that version signed it: the same key and layout, without the walk's order.
		const body = { d: 'reports', s: 17, c: 'branch:br1', a: 'm001.residence.cm2' };
		const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
		const sign = (tokens as unknown as { sign(payload: string): string }).sign.bind(tokens);
		expect(tokens.decode('reports', `${payload}.${sign(payload)}`)).toEqual({
			seq: 17,
			index: { channel: 'branch:br1', after: '' }
		});
	});
});
