import { describe, expect, it } from 'vitest';
import { item } from '../../../test-data/ledger-fixtures';
import type { ServiceItem } from '../marketplace/service-items';
import { ledgerMatches } from './ledger-matches';

const need = item({ id: 'li.br1.2026.n1', list: 'needs', tags: ['repair', '老人陪护'] });
const venue = item({
	id: 'li.br1.2026.r1',
	list: 'resources',
	resourceType: 'venues',
	tags: ['老人陪护']
});
const electricians = item({
	id: 'li.br1.2026.r2',
	list: 'resources',
	resourceType: 'skills',
	tags: ['Electrical-Repair ', 'repair']
});
const electrician = { id: 'm010', skills: ['electrical-repair'], professions: ['law'] };
const lawyer = { id: 'm011', skills: ['legal-advice'], professions: [] };

const marketNeed: ServiceItem = {
	id: 'it-need1',
	kind: 'need',
	communityId: 'cm2',
	title: '帮老人修水管',
	description: '',
	skills: [],
	fields: [],
	category: 'legal',
	startsAt: '2026-05-01T00:00:00.000Z',
	places: 1,
	state: 'open',
	createdBy: 'community2',
	createdAt: '2026-05-01T00:00:00.000Z',
	updatedAt: '2026-05-01T00:00:00.000Z',
	channels: []
};

describe('ledger matches', () => {
	it('matches a need with resources and members by its tags and categories, with reasons', () => {
		expect(ledgerMatches([need], [venue, electricians], [electrician, lawyer])).toEqual([
			{
				needId: need.id,
				offer: { kind: 'resource', itemId: electricians.id },
				score: 5,
				reasons: [
					{ kind: 'category', value: 'Electrical-Repair ' },
					{ kind: 'tag', value: 'repair' }
				]
			},
			{
				needId: need.id,
				offer: { kind: 'resource', itemId: venue.id },
				score: 3,
				reasons: [{ kind: 'tag', value: '老人陪护' }]
			},
			{
				needId: need.id,
				offer: { kind: 'member', memberId: 'm010' },
				score: 2,
				reasons: [{ kind: 'category', value: 'electrical-repair' }]
			}
		]);
	});

	it("matches the community's marketplace needs by their category and skills", () => {
		const matches = ledgerMatches([marketNeed], [], [electrician, lawyer]);
		expect(matches.map((m) => [m.offer, m.reasons])).toEqual([
			[{ kind: 'member', memberId: 'm010' }, [{ kind: 'category', value: 'law' }]],
			[{ kind: 'member', memberId: 'm011' }, [{ kind: 'category', value: 'legal-advice' }]]
		]);
		const asked = { ...marketNeed, skills: ['legal-advice'] };
		expect(ledgerMatches([asked], [], [lawyer])[0]?.reasons).toEqual([
			{ kind: 'skill', value: 'legal-advice' }
		]);
	});

	it('leaves out needs met or dropped, closed marketplace items, dropped resources', () => {
		const done = { ...need, state: 'done' as const, doneOn: '2026-05-01' };
		const closed = { ...marketNeed, state: 'closed' as const };
		const project = { ...marketNeed, kind: 'project' as const, category: undefined };
		const dropped = { ...electricians, state: 'dropped' as const };
		const notNeed = { ...need, list: 'projects' as const };
		expect(ledgerMatches([done, closed, project, notNeed], [venue], [electrician])).toEqual([]);
		expect(ledgerMatches([need], [dropped], [])).toEqual([]);
	});

	it('finds no match where nothing is shared', () => {
		expect(ledgerMatches([need], [], [lawyer])).toEqual([]);
		expect(ledgerMatches([], [venue], [electrician])).toEqual([]);
	});
});
