import { describe, expect, it } from 'vitest';
import { isWellFormedValue, wellFormedCopy } from './well-formed-text';

describe('well-formed text', () => {
	it('finds a lone surrogate in any string or key, at any depth', () => {
		expect(isWellFormedValue('\ud800')).toBe(false);
		expect(isWellFormedValue(['ok', ['\udc00']])).toBe(false);
		expect(isWellFormedValue({ a: { b: [{ c: 'x\ud83d' }] } })).toBe(false);
		expect(isWellFormedValue({ a: [{ ['\ud800key']: 1 }] })).toBe(false);
	});

	it('takes whole emoji, other values and empty containers', () => {
		expect(isWellFormedValue({ note: '表情 😀', n: 1, b: true, z: null, list: [], o: {} })).toBe(
			true
		);
	});

	it('copies with each lone surrogate replaced, leaving the rest as it was', () => {
		const copy = wellFormedCopy({ note: 'a\ud800b', list: [{ ['k\udc00']: '😀' }], n: 2 });
		expect(copy).toEqual({ note: 'a\ufffdb', list: [{ ['k\ufffd']: '😀' }], n: 2 });
		expect(isWellFormedValue(copy)).toBe(true);
	});
});
