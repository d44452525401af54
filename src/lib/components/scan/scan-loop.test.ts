import { ChecksumException, FormatException, NotFoundException } from '@zxing/library';
import { describe, expect, it } from 'vitest';
import { endsScanLoop } from './scan-loop';

describe('endsScanLoop', () => {
	it('lets zxing retry frames without a readable code', () => {
		expect(endsScanLoop(new NotFoundException())).toBe(false);
		expect(endsScanLoop(new ChecksumException())).toBe(false);
		expect(endsScanLoop(new FormatException())).toBe(false);
	});

	it('knows any other error stops the loop', () => {
		expect(endsScanLoop(new RangeError('0×0 canvas'))).toBe(true);
		expect(endsScanLoop(new Error('anything'))).toBe(true);
	});
});
