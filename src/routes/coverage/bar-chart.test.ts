import { describe, expect, it } from 'vitest';
import { wrapLabel } from './bar-chart';

describe('wrapLabel', () => {
	it('cuts a long name into lines of the width, keeping every character', () => {
		expect(wrapLabel('州住房和城乡建设综合行政执法支队党支部', 7)).toEqual([
			'州住房和城乡建',
			'设综合行政执法',
			'支队党支部'
		]);
	});

	it('leaves a short name on one line', () => {
		expect(wrapLabel('全局', 7)).toEqual(['全局']);
	});
});
