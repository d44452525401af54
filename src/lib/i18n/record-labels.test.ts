import { beforeAll, describe, expect, it } from 'vitest';
import { addMessages } from './i18n.svelte';
import { recordsEn } from './parts/records.en';
import { recordsZh } from './parts/records.zh-CN';
import { changeLines, durationText, recordProblemText } from './record-labels';

beforeAll(() => addMessages({ 'zh-CN': recordsZh, en: recordsEn }));

describe('record labels', () => {
	it('say a length of service in hours and minutes', () => {
		expect(durationText(150)).toBe('2小时30分钟');
		expect(durationText(120)).toBe('2小时');
		expect(durationText(45)).toBe('45分钟');
	});

	it("say each changed value of a history step, in the record's words", () => {
		const names = (id: string) => ({ c1: '幸福路社区', c2: '光明社区' })[id] ?? id;
		expect(
			changeLines({ minutes: 120, communityId: 'c1' }, { minutes: 90, communityId: 'c2' }, names)
		).toEqual(['服务时长：2小时 → 1小时30分钟', '服务社区：幸福路社区 → 光明社区']);
		expect(changeLines({ at: '2026-03-04T16:00:00.000Z' }, undefined, names)).toEqual([
			'日期：2026年3月5日 → —'
		]);
		expect(changeLines(undefined, undefined, names)).toEqual([]);
	});

	it('say the limit a problem is about', () => {
		expect(recordProblemText('description-too-long', 200)).toBe('内容太长：最多 500 字。');
		expect(recordProblemText('reason-too-long', 200)).toBe('原因太长：最多 200 字。');
		expect(recordProblemText('too-many-photos', 200)).toBe('最多 3 张照片。');
	});
});
