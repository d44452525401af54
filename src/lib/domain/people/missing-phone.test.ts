import { describe, expect, it } from 'vitest';
import { whyNoPhone } from './missing-phone';

describe('whyNoPhone', () => {
	it('says a unit report’s phone is hidden from the community, not missing', () => {
		expect(whyNoPhone('unit')).toBe('hidden');
	});

	it('says a residence report’s phone is not on record, as it would reach the community', () => {
		expect(whyNoPhone('residence')).toBe('not-registered');
	});
});
