import { describe, expect, it } from 'vitest';
import { atRiskList, reminderTopicOf } from './at-risk';

describe('reminderTopicOf', () => {
	it('reminds of serving at home before the yearly duties and the grade', () => {
		expect(reminderTopicOf(['grade', 'r16', 'r12'])).toBe('serve-residence');
		expect(reminderTopicOf(['grade', 'r8'])).toBe('yearly-duties');
		expect(reminderTopicOf(['r16'])).toBe('yearly-duties');
		expect(reminderTopicOf(['grade'])).toBe('raise-grade');
		expect(reminderTopicOf([])).toBeNull();
	});
});

describe('atRiskList', () => {
	it('keeps members with a reason, most reasons first, then by name, reasons in order', () => {
		const list = atRiskList([
			{ id: 'a', name: '王五', risks: ['grade'] as const },
			{ id: 'b', name: '张三', risks: [] },
			{ id: 'c', name: '李四', risks: ['grade', 'r12'] as const },
			{ id: 'd', name: '陈六', risks: ['r8'] as const }
		]);
		expect(list.map((m) => [m.id, m.risks])).toEqual([
			['c', ['r12', 'grade']],
			['d', ['r8']],
			['a', ['grade']]
		]);
	});
});
