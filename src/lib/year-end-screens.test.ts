import { describe, expect, it } from 'vitest';
import { yearEndScreensFor } from './year-end-screens';

const topics = (roles: Parameters<typeof yearEndScreensFor>[0]) =>
	yearEndScreensFor(roles).map((screen) => screen.topic);

describe('yearEndScreensFor', () => {
	it('gives a member their breaches, the awards, stories and certificates', () => {
		expect(topics([{ role: 'member' }])).toEqual(['breaches', 'awards', 'stories', 'certificates']);
	});

	it('gives community staff every screen they rate, report or write on', () => {
		expect(topics([{ role: 'community_staff', communityId: 'cm1' }])).toEqual([
			'workReports',
			'feedback',
			'breaches',
			'awards',
			'stories'
		]);
	});

	it('gives street staff the 述职 to rate and the announcements', () => {
		expect(topics([{ role: 'street_staff', streetId: 'st1' }])).toEqual(['workReports', 'awards']);
	});

	it('lists a screen once for a person of several roles', () => {
		const both = topics([{ role: 'member' }, { role: 'secretary', branchId: 'br1' }]);
		expect(both).toEqual(['workReports', 'breaches', 'awards', 'stories', 'certificates']);
	});

	it('gives the administrator nothing', () => {
		expect(topics([{ role: 'admin' }])).toEqual([]);
	});
});
