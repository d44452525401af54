import { describe, expect, it } from 'vitest';
import { anActivity } from '../../../test-data/activity-fixtures';
import { missedCheckIns } from './missed-check-ins';

const now = new Date('2026-06-10T04:00:00.000Z');
const ended = (id: string, day: string, extra = {}) =>
	anActivity({
		id,
		communityId: 'c1',
		startsAt: `${day}T01:00:00.000Z`,
		endsAt: `${day}T03:00:00.000Z`,
		...extra
	});

describe('missedCheckIns', () => {
	const member = { communityIds: ['c1'], checkedIn: [], records: [] };

	it("offers the member's communities' ended activities of the year, latest first", () => {
		const found = missedCheckIns(
			[ended('a1', '2026-03-01'), ended('a2', '2026-05-01'), ended('a3', '2026-04-01')],
			member,
			now
		);
		expect(found.map((a) => a.id)).toEqual(['a2', 'a3', 'a1']);
	});

	it('leaves out what is not over, cancelled, elsewhere or of last year (Shanghai)', () => {
		const found = missedCheckIns(
			[
				ended('running', '2026-06-10', { endsAt: '2026-06-10T05:00:00.000Z' }),
				ended('cancelled', '2026-05-01', { cancelled: true }),
				ended('elsewhere', '2026-05-01', { communityId: 'c9' }),
				// 31 Dec 2025 23:00 in Shanghai: last year there.
				ended('last-year', '2025-12-31', {
					startsAt: '2025-12-31T14:00:00.000Z',
					endsAt: '2025-12-31T15:00:00.000Z'
				}),
				// 1 Jan 2026 00:30 in Shanghai, though still 2025 in UTC.
				ended('new-year', '2025-12-31', {
					startsAt: '2025-12-31T16:00:00.000Z',
					endsAt: '2025-12-31T16:30:00.000Z'
				})
			],
			member,
			now
		);
		expect(found.map((a) => a.id)).toEqual(['new-year']);
	});

	it('leaves out activities checked in at or already cited, unless that record was withdrawn', () => {
		const found = missedCheckIns(
			[ended('in', '2026-05-01'), ended('cited', '2026-05-02'), ended('dropped', '2026-05-03')],
			{
				communityIds: ['c1'],
				checkedIn: ['in'],
				records: [{ activityId: 'cited' }, { activityId: 'dropped', withdrawn: true }]
			},
			now
		);
		expect(found.map((a) => a.id)).toEqual(['dropped']);
	});
});
