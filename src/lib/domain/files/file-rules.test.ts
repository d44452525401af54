import { describe, expect, it } from 'vitest';
import { fileUrl, isFileHash, parseFileOwner, sniffFileType } from './file-rules';

const bytes = (...values: (number | string)[]) =>
	new Uint8Array(
		values.flatMap((value) =>
			typeof value === 'string' ? [...value].map((char) => char.charCodeAt(0)) : [value]
		)
	);

describe('file hashes', () => {
	it('are 64 lower-case hex digits', () => {
		expect(isFileHash('a'.repeat(64))).toBe(true);
		expect(isFileHash('0123456789abcdef'.repeat(4))).toBe(true);
		expect(isFileHash('A'.repeat(64))).toBe(false);
		expect(isFileHash('a'.repeat(63))).toBe(false);
		expect(isFileHash('a'.repeat(65))).toBe(false);
		expect(isFileHash('g'.repeat(64))).toBe(false);
		expect(isFileHash(undefined)).toBe(false);
	});
});

describe('sniffing the type of a file by its first bytes', () => {
	it('knows JPEG, PNG, WebP and PDF', () => {
		expect(sniffFileType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toBe('image/jpeg');
		expect(sniffFileType(bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe('image/png');
		expect(sniffFileType(bytes('RIFF', 0x24, 0, 0, 0, 'WEBPVP8 '))).toBe('image/webp');
		expect(sniffFileType(bytes('%PDF-1.7\n'))).toBe('application/pdf');
	});

	it('refuses anything else, however it starts', () => {
		expect(sniffFileType(bytes('GIF89a'))).toBeNull();
		expect(sniffFileType(bytes('<svg xmlns="http://www.w3.org/2000/svg">'))).toBeNull();
		expect(sniffFileType(bytes('RIFF', 0x24, 0, 0, 0, 'WAVEfmt '))).toBeNull();
		expect(sniffFileType(bytes('<html>%PDF-'))).toBeNull();
		expect(sniffFileType(bytes(0xff, 0xd8))).toBeNull();
		expect(sniffFileType(bytes())).toBeNull();
	});
});

describe('the document a file belongs to', () => {
	it('is a collection of the plan and a valid id', () => {
		expect(parseFileOwner('activities/it-abc')).toEqual({
			collection: 'activities',
			docId: 'it-abc'
		});
		expect(parseFileOwner('attendance/cl.it-abc.m1')).toEqual({
			collection: 'attendance',
			docId: 'cl.it-abc.m1'
		});
		expect(parseFileOwner('accounts/admin')).toBeNull();
		expect(parseFileOwner('activities/')).toBeNull();
		expect(parseFileOwner('/it-abc')).toBeNull();
		expect(parseFileOwner('activities')).toBeNull();
		expect(parseFileOwner('activities/_design/x')).toBeNull();
		expect(parseFileOwner(null)).toBeNull();
	});

	it('round-trips through the file address', () => {
		const url = new URL(fileUrl('a'.repeat(64), parseFileOwner('activities/it-1')!), 'http://x');
		expect(url.pathname).toBe(`/api/files/${'a'.repeat(64)}`);
		expect(parseFileOwner(url.searchParams.get('doc'))).toEqual({
			collection: 'activities',
			docId: 'it-1'
		});
	});
});
