import { describe, expect, it } from 'vitest';
import { maskIdNumber, normalizeIdNumber } from './id-numbers';

describe('normalizeIdNumber', () => {
	it('takes a number whose check character is right, X upper-cased', () => {
		expect(normalizeIdNumber('652301199001011235')).toBe('652301199001011235');
		expect(normalizeIdNumber('11010519491231002x')).toBe('11010519491231002X');
	});

	it('forgives full-width characters and spaces', () => {
		expect(normalizeIdNumber('６５２３０１ １９９００１０１ １２３５')).toBe('652301199001011235');
	});

	it('refuses a wrong check character, a wrong length, letters and impossible birth dates', () => {
		for (const raw of [
			'652301199001011234',
			'65230119900101123',
			'6523011990010112355',
			'65230119900101123A',
			'652301199002301231',
			'652301180001011235'
		]) {
			expect(normalizeIdNumber(raw), raw).toBeNull();
		}
	});
});

describe('maskIdNumber', () => {
	it('shows the first four and last four characters', () => {
		expect(maskIdNumber('652301199001011235')).toBe('6523**********1235');
	});
});
