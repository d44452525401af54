import { describe, expect, it } from 'vitest';
import { withScan, type RecentScan } from './recent-scans';

const at = (second: number) => new Date(Date.UTC(2026, 5, 1, 1, 0, second));
const scan = (key: number, message: string, second = key): RecentScan => ({
	key,
	at: at(second),
	tone: message.includes('已') ? 'error' : 'ok',
	message
});

describe('withScan', () => {
	it('puts the newest scan on top and keeps at most the limit', () => {
		let list: RecentScan[] = [];
		for (const [key, name] of ['张三', '李四', '王五'].entries()) {
			list = withScan(list, scan(key + 1, `${name} 签到成功`), 2);
		}
		expect(list.map((s) => s.message)).toEqual(['王五 签到成功', '李四 签到成功']);
	});

	it('moves the time of the top line when the same answer comes again, adding no line', () => {
		const first = [scan(2, '张三 已签到', 10), scan(1, '张三 签到成功', 5)];
		const again = withScan(first, scan(3, '张三 已签到', 14), 8);
		expect(again).toHaveLength(2);
		expect(again[0]).toEqual({ ...scan(2, '张三 已签到'), at: at(14) });
	});

	it('adds a line for another answer, and for a repeat that is not on top', () => {
		const list = [scan(2, '李四 签到成功'), scan(1, '张三 已签到')];
		expect(withScan(list, scan(3, '张三 已签到'), 8).map((s) => s.key)).toEqual([3, 2, 1]);
	});
});
