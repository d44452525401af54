import { describe, expect, it } from 'vitest';
import { HttpError } from './http-json';
import { MAX_KEYS, MAX_LIMIT, intParam, parseKeys, parsePush } from './sync-params';

function refusal(read: () => unknown): { status: number; code: string } {
	try {
		read();
	} catch (error) {
		expect(error).toBeInstanceOf(HttpError);
		const { status, code } = error as HttpError;
		return { status, code };
	}
	throw new Error('expected a refusal');
}

const BAD = { status: 400, code: 'bad_request' };

describe('intParam', () => {
	const read = (query: string) => intParam(new URLSearchParams(query), 'limit', 1000, 1000);

	it('takes a whole number, the fallback when absent, and never more than the maximum', () => {
		expect(read('')).toBe(1000);
		expect(read('limit=0')).toBe(0);
		expect(read('limit=25')).toBe(25);
		expect(read('limit=1000')).toBe(1000);
		expect(read('limit=1001')).toBe(1000);
		expect(read('limit=99999999999')).toBe(1000);
		expect(intParam(new URLSearchParams('heartbeat=10'), 'heartbeat', 5, 3)).toBe(3);
	});

	it('refuses negative, fractional and non-numeric values', () => {
		for (const value of ['-1', '1.5', 'abc', 'NaN', 'Infinity', '1e400', '0x']) {
			expect(
				refusal(() => read(`limit=${value}`)),
				value
			).toEqual(BAD);
		}
	});
});

describe('parseKeys', () => {
	it('takes an array of up to MAX_KEYS strings', () => {
		expect(parseKeys([])).toEqual([]);
		const most = Array.from({ length: MAX_KEYS }, (_, i) => `k${i}`);
		expect(parseKeys(most)).toHaveLength(MAX_KEYS);
	});

	it('refuses anything else, and one key more', () => {
		for (const keys of [undefined, null, 'x', { 0: 'a' }, [1], ['a', null], [['a']]]) {
			expect(
				refusal(() => parseKeys(keys)),
				JSON.stringify(keys)
			).toEqual(BAD);
		}
		const tooMany = Array.from({ length: MAX_KEYS + 1 }, (_, i) => `k${i}`);
		expect(refusal(() => parseKeys(tooMany))).toEqual(BAD);
	});
});

describe('parsePush', () => {
	const docs = (count: number) => Array.from({ length: count }, (_, i) => ({ _id: `d${i}` }));

	it('takes up to MAX_LIMIT documents as new edits', () => {
		expect(parsePush({ docs: docs(2) })).toEqual(docs(2));
		expect(parsePush({ docs: docs(MAX_LIMIT), new_edits: true })).toHaveLength(MAX_LIMIT);
	});

	it('refuses a body without an array of objects', () => {
		for (const body of [
			null,
			7,
			[],
			{},
			{ docs: 'x' },
			{ docs: [1] },
			{ docs: [null] },
			{ docs: [[]] }
		]) {
			expect(
				refusal(() => parsePush(body)),
				JSON.stringify(body)
			).toEqual(BAD);
		}
	});

	it('refuses new_edits=false and one document more than the cap', () => {
		expect(refusal(() => parsePush({ docs: docs(1), new_edits: false }))).toEqual(BAD);
		expect(refusal(() => parsePush({ docs: docs(MAX_LIMIT + 1) }))).toEqual(BAD);
	});
});

describe('the reasons of the refusals', () => {
	/** The reason the client reads in the answer's body. */
	function reason(read: () => unknown): string {
		try {
			read();
		} catch (error) {
			return (error as HttpError).message;
		}
		throw new Error('expected a refusal');
	}

	it('name the parameter, the expected shape or the limit', () => {
		expect(reason(() => intParam(new URLSearchParams('heartbeat=x'), 'heartbeat', 1, 1))).toBe(
			'heartbeat must be a whole number.'
		);
		expect(reason(() => parseKeys('x'))).toBe('keys must be an array of strings.');
		expect(reason(() => parseKeys(Array.from({ length: MAX_KEYS + 1 }, () => 'k')))).toBe(
			'At most 1000 keys.'
		);
		expect(reason(() => parsePush({ docs: 'x' }))).toBe('docs must be an array of documents.');
		expect(reason(() => parsePush({ docs: [], new_edits: false }))).toBe(
			'new_edits=false is not supported.'
		);
		expect(
			reason(() => parsePush({ docs: Array.from({ length: MAX_LIMIT + 1 }, () => ({})) }))
		).toBe('At most 1000 documents per request.');
	});
});
