import { correction, generate } from 'lean-qr';
import { NotFoundException } from '@zxing/library';
import { describe, expect, it } from 'vitest';
import { decodeWithLegacyReader, meansNoCode } from './legacy-qr-reader';

/** A sharp code, 6 px a module with its quiet zone, as RGBA on white. */
function sharpCode(text: string) {
	const code = generate(text, { minCorrectionLevel: correction.M });
	const moduleSize = 6;
	const side = (code.size + 8) * moduleSize;
	const data = new Uint8ClampedArray(side * side * 4).fill(255);
	for (let y = 0; y < side; y++) {
		for (let x = 0; x < side; x++) {
			const [mx, my] = [Math.floor(x / moduleSize) - 4, Math.floor(y / moduleSize) - 4];
			if (code.get(mx, my)) data.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
		}
	}
	return { data, width: side, height: side };
}

describe('decodeWithLegacyReader', () => {
	it('reads a sharp code from RGBA pixels', () => {
		expect(decodeWithLegacyReader(sharpCode('A1~old'))).toBe('A1~old');
	});

	it('answers null for a frame without a code', () => {
		const blank = { data: new Uint8ClampedArray(64 * 64 * 4).fill(255), width: 64, height: 64 };
		expect(decodeWithLegacyReader(blank)).toBeNull();
	});

	it('tells "no code here" from other errors', () => {
		expect(meansNoCode(new NotFoundException())).toBe(true);
		expect(meansNoCode(new RangeError('0×0 frame'))).toBe(false);
	});
});
