import { beforeAll, describe, expect, it } from 'vitest';
import { addMessages } from './i18n.svelte';
import { pointsEn } from './parts/points.en';
import { pointsZh } from './parts/points.zh-CN';
import { gateText, raiseText, ruleText } from './points-labels';

beforeAll(() => addMessages({ 'zh-CN': pointsZh, en: pointsEn }));

describe('points labels', () => {
	it('name the rule, or say there is none', () => {
		expect(ruleText('micro-wish')).toBe('微心愿');
		expect(ruleText(null)).toBe('无对应规则');
	});

	it('say which gate capped the grade and what was missing', () => {
		expect(gateText({ gate: 'not-reported', cap: 'average' })).toBe(
			'尚未向居住地社区报到，等级最高为「一般」'
		);
		expect(
			gateText({ gate: 'minimum-missed', cap: 'average', missing: ['lectures', 'microWishes'] })
		).toBe('未完成年度最低要求（宣讲、微心愿），等级最高为「一般」');
	});

	it('say what would raise the grade, with what already waits', () => {
		expect(raiseText({ kind: 'report-residence' })).toBe('向居住地社区报到并经社区确认');
		expect(raiseText({ kind: 'points', needed: 12, to: 'fairly-good' })).toBe(
			'再得 12 分可达「较好」'
		);
		expect(
			raiseText({ kind: 'minimum', minimum: 'residenceServices', needed: 2, waiting: 0 })
		).toBe('再完成 2 次居住地社区服务');
		expect(raiseText({ kind: 'minimum', minimum: 'lectures', needed: 1, waiting: 1 })).toBe(
			'再完成 1 次宣讲（已有 1 条在审批中）'
		);
	});
});
