import { describe, expect, it } from 'vitest';
import {
	filterItems,
	fitOf,
	isOpenAt,
	itemSlots,
	rankItems,
	slotOf,
	type RankingProfile
} from './ranking';
import type { ServiceItem } from './service-items';

const now = new Date('2026-06-01T02:00:00Z');

function item(id: string, fields: Partial<ServiceItem> = {}): ServiceItem {
	return {
		id,
		kind: 'project',
		communityId: 'cm1',
		title: `项目 ${id}`,
		description: '',
		skills: [],
		fields: [],
		// Saturday 2026-06-06 09:00 in Shanghai.
		startsAt: '2026-06-06T01:00:00Z',
		places: 3,
		state: 'open',
		createdBy: 'community1',
		createdAt: '2026-05-20T00:00:00Z',
		updatedAt: '2026-05-20T00:00:00Z',
		channels: [],
		...fields
	};
}

const electrician: RankingProfile = {
	skills: ['electrical-repair'],
	professions: ['law'],
	interests: ['reading'],
	availability: ['weekend']
};

const ids = (ranked: { item: ServiceItem }[]) => ranked.map((r) => r.item.id);
const rank = (items: ServiceItem[], profile = electrician) =>
	rankItems(items, profile, { communityIds: ['cm1', 'cm2'], now });

describe('rankItems', () => {
	it('puts a wanted skill before a fitting time, and a fitting time before an interest', () => {
		const ranked = rank([
			item('interest', { fields: ['reading'], startsAt: '2026-06-08T01:00:00Z' }),
			item('time'),
			item('skill', { skills: ['electrical-repair'], startsAt: '2026-06-08T01:00:00Z' })
		]);
		expect(ids(ranked)).toEqual(['skill', 'time', 'interest']);
	});

	it('adds up every point of fit, each with its reason', () => {
		const [best] = rank([
			item('all', { skills: ['electrical-repair'], fields: ['law', 'reading'] }),
			item('skill', { skills: ['electrical-repair'] })
		]);
		expect(best?.item.id).toBe('all');
		expect(best?.score).toBe(3 + 3 + 1 + 2);
		expect(best?.reasons).toEqual([
			{ kind: 'tag', vocabulary: 'skill', tag: 'electrical-repair' },
			{ kind: 'tag', vocabulary: 'profession', tag: 'law' },
			{ kind: 'tag', vocabulary: 'interest', tag: 'reading' },
			{ kind: 'time', slot: 'weekend' }
		]);
	});

	it('matches the member’s own words whatever their case, and names each tag once', () => {
		const fit = fitOf(item('a', { skills: ['Python', 'python'], fields: ['PYTHON'] }), {
			skills: ['python'],
			professions: ['Python'],
			interests: []
		});
		expect(fit.reasons).toEqual([{ kind: 'tag', vocabulary: 'skill', tag: 'python' }]);
		expect(fit.score).toBe(3);
	});

	it('matches a need’s category with the skills that serve it', () => {
		const fit = fitOf(
			item('n', { kind: 'need', category: 'repair', startsAt: '2026-05-30T00:00:00Z' }),
			electrician
		);
		expect(fit.reasons).toEqual([{ kind: 'tag', vocabulary: 'skill', tag: 'electrical-repair' }]);
	});

	it('breaks ties by urgency, then by the nearest deadline, then by id', () => {
		const need = (id: string, urgency: ServiceItem['urgency'], endsAt: string) =>
			item(id, { kind: 'need', urgency, startsAt: '2026-05-30T00:00:00Z', endsAt });
		const ranked = rank([
			need('a-later', 'normal', '2026-06-20T00:00:00Z'),
			need('y-same', 'normal', '2026-06-10T00:00:00Z'),
			need('x-same', 'normal', '2026-06-10T00:00:00Z'),
			need('urgent', 'urgent', '2026-06-30T00:00:00Z'),
			need('soon', 'soon', '2026-06-30T00:00:00Z')
		]);
		expect(ids(ranked)).toEqual(['urgent', 'soon', 'x-same', 'y-same', 'a-later']);
	});

	it('lists only open items still taking claims in the member’s communities', () => {
		const ranked = rank([
			item('open'),
			item('other-community', { communityId: 'cm9' }),
			item('closed', { state: 'closed' }),
			item('cancelled', { state: 'cancelled' }),
			item('started', { startsAt: '2026-06-01T01:59:00Z' }),
			item('wish-past-deadline', {
				kind: 'micro-wish',
				startsAt: '2026-05-01T00:00:00Z',
				endsAt: '2026-05-31T00:00:00Z'
			}),
			item('wish-open', {
				kind: 'micro-wish',
				startsAt: '2026-05-01T00:00:00Z',
				endsAt: '2026-06-30T00:00:00Z'
			}),
			item('linked', { communityId: 'cm2' })
		]);
		expect(ids(ranked).sort()).toEqual(['linked', 'open', 'wish-open']);
	});
});

describe('time slots', () => {
	it('reads Shanghai weekdays and hours: evening from 18:00, Saturday and Sunday weekend', () => {
		expect(slotOf(1, 9)).toBe('weekday-daytime');
		expect(slotOf(5, 17)).toBe('weekday-daytime');
		expect(slotOf(5, 18)).toBe('weekday-evening');
		expect(slotOf(6, 9)).toBe('weekend');
		expect(slotOf(7, 20)).toBe('weekend');
	});

	it('takes a project’s start in Shanghai time, not the device’s', () => {
		// Friday 2026-06-05 19:00 in Shanghai is 11:00 UTC, daytime in UTC.
		expect(itemSlots(item('p', { startsAt: '2026-06-05T11:00:00Z' }))).toEqual(['weekday-evening']);
		// Saturday 00:30 in Shanghai is still Friday in UTC.
		expect(itemSlots(item('p', { startsAt: '2026-06-05T16:30:00Z' }))).toEqual(['weekend']);
		// Sunday 20:00 in Shanghai.
		expect(itemSlots(item('p', { startsAt: '2026-06-07T12:00:00Z' }))).toEqual(['weekend']);
	});

	it('takes each weekly shift of a post, and no time of a need', () => {
		const post = item('post', {
			kind: 'post',
			shifts: [
				{ weekday: 2, start: '19:00', end: '21:00' },
				{ weekday: 3, start: '19:30', end: '21:00' },
				{ weekday: 6, start: '09:00', end: '11:00' }
			]
		});
		expect(itemSlots(post)).toEqual(['weekday-evening', 'weekend']);
		expect(fitOf(post, { skills: [], interests: [], availability: ['weekday-evening'] })).toEqual({
			item: post,
			score: 2,
			reasons: [{ kind: 'time', slot: 'weekday-evening' }]
		});
		expect(itemSlots(item('need', { kind: 'need' }))).toEqual([]);
	});

	it('gives no time point to a member who said nothing of their time', () => {
		expect(fitOf(item('p'), { skills: [], interests: [] }).reasons).toEqual([]);
	});
});

describe('isOpenAt', () => {
	it('keeps a need without a deadline open', () => {
		expect(isOpenAt(item('n', { kind: 'need', startsAt: '2026-01-01T00:00:00Z' }), now)).toBe(true);
	});
});

describe('filterItems', () => {
	const ranked = rank([
		item('wish', {
			kind: 'micro-wish',
			title: '给独居老人买助听器',
			startsAt: '2026-05-01T00:00:00Z',
			endsAt: '2026-06-30T00:00:00Z'
		}),
		item('wiring', { title: '楼道线路检修', skills: ['electrical-repair'], place: '3号楼' }),
		item('linked', { communityId: 'cm2', title: '法律咨询', fields: ['law'] })
	]);
	const labels: Record<string, string> = { 'electrical-repair': '电工', law: '法律' };

	it('narrows by kind and community, keeping the ranked order', () => {
		expect(ids(filterItems(ranked, { kind: 'micro-wish' }))).toEqual(['wish']);
		expect(ids(filterItems(ranked, { communityId: 'cm2' }))).toEqual(['linked']);
		expect(ids(filterItems(ranked, {}))).toEqual(ids(ranked));
	});

	it('finds every word typed in the title, place or the tags’ shown names', () => {
		const find = (text: string) => ids(filterItems(ranked, { text }, (t) => labels[t] ?? t));
		expect(find('助听器')).toEqual(['wish']);
		expect(find('电工')).toEqual(['wiring']);
		expect(find('检修 3号楼')).toEqual(['wiring']);
		expect(find('检修 法律')).toEqual([]);
		expect(find('  ')).toEqual(ids(ranked));
	});
});
