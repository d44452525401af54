import { describe, expect, it } from 'vitest';
import { formatDateTime } from './format';

describe('formatDateTime', () => {
	it('writes a UTC instant in Beijing time, the Chinese way', () => {
		expect(formatDateTime('2026-11-25T18:50:00.000Z')).toBe('2026年11月26日 02:50');
	});
});
