import { describe, expect, it } from 'vitest';
import { maskMobile, normalizeMobile } from './mobile-numbers';

describe('normalizeMobile', () => {
	it('takes a plain mobile', () => {
		expect(normalizeMobile('13812345678')).toBe('13812345678');
	});

	it('forgives full-width digits, spaces (the ideographic one too), dashes and a country prefix', () => {
		expect(normalizeMobile('１３８１２３４５６７８')).toBe('13812345678');
		expect(normalizeMobile(' 138 1234\u30005678 ')).toBe('13812345678');
		expect(normalizeMobile('138-1234-5678')).toBe('13812345678');
		expect(normalizeMobile('+86 138 1234 5678')).toBe('13812345678');
		expect(normalizeMobile('8613812345678')).toBe('13812345678');
		expect(normalizeMobile('＋８６１３８１２３４５６７８')).toBe('13812345678');
	});

	it('refuses what is no mainland mobile', () => {
		for (const raw of [
			'',
			'1381234567',
			'138123456789',
			'12812345678',
			'0991-1234567',
			'45123',
			'abc'
		]) {
			expect(normalizeMobile(raw), raw).toBeNull();
		}
	});
});

describe('maskMobile', () => {
	it('keeps the first three and last four digits', () => {
		expect(maskMobile('13812345678')).toBe('138****5678');
	});

	it('hides a short value whole', () => {
		expect(maskMobile('12345')).toBe('*****');
	});
});
