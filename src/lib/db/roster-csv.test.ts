import { describe, expect, it } from 'vitest';
import { decodeCsv, parseCsv } from './roster-csv';

describe('parseCsv', () => {
	it('ends rows at LF, CRLF and a lone CR, with or without a final line break', () => {
		expect(parseCsv('a,b\nc,d')).toEqual([
			['a', 'b'],
			['c', 'd']
		]);
		expect(parseCsv('a,b\r\nc,d\r\n')).toEqual([
			['a', 'b'],
			['c', 'd']
		]);
		expect(parseCsv('a\rb\r')).toEqual([['a'], ['b']]);
	});

	it('keeps empty fields and empty lines as such', () => {
		expect(parseCsv('a,,\n\nb')).toEqual([['a', '', ''], [''], ['b']]);
	});

	it('reads quoted fields: separators, doubled quotes and line breaks inside, quotes only at the start', () => {
		expect(parseCsv('"a,b","say ""hi""","x\r\ny",ab"c"')).toEqual([
			['a,b', 'say "hi"', 'x\r\ny', 'ab"c"']
		]);
	});
});

describe('decodeCsv', () => {
	it('drops a UTF-8 byte-order mark', () => {
		expect(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe('a');
	});

	it('falls back to GB18030 when the bytes are no UTF-8', () => {
		expect(decodeCsv(new Uint8Array([0xd5, 0xc5, 0xc8, 0xfd]))).toBe('张三');
	});
});
