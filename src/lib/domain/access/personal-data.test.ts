import { describe, expect, it } from 'vitest';
import { contacts } from '../people/contacts';
import { isMobile, maskPhone, MOBILE_PATTERN, normalizeMobile } from './personal-data';

describe('maskPhone', () => {
	it('keeps the first three and last four digits', () => {
		expect(maskPhone('13912345678')).toBe('139****5678');
	});

	it('hides a short value entirely', () => {
		expect(maskPhone('12345')).toBe('****');
	});

	it('keeps at least four digits of a shorter number hidden', () => {
		expect(maskPhone('1234567')).toBe('****67');
		expect(maskPhone('1234567890')).toBe('****90');
	});
});

describe('mobile numbers', () => {
	it('accept what people type, with spaces, dashes or +86', () => {
		expect(normalizeMobile('+86 139-1234-5678')).toBe('13912345678');
		expect(isMobile('139 1234 5678')).toBe(true);
	});

	it('refuse landlines, short numbers and letters', () => {
		expect(isMobile('0994-2345678')).toBe(false);
		expect(isMobile('1391234567')).toBe(false);
		expect(isMobile('12912345678')).toBe(false);
		expect(isMobile('1391234567a')).toBe(false);
	});

	it('agree with the contacts schema', () => {
		const phone = contacts.schema.properties['phone'] as { pattern: string };
		const schemaPattern = phone.pattern;
		expect(MOBILE_PATTERN.source).toBe(schemaPattern);
	});
});
