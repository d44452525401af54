import { describe, expect, it } from 'vitest';
import { checkWrite } from './access/write-policy';
import { orgs } from './directory/orgs';
import { communities } from './directory/communities';
import {
	checkCollectionBudget,
	collectionNames,
	collectionSchema,
	isCollectionName,
	kindOf,
	kindsOf,
	MAX_COLLECTIONS,
	RXDB_OPEN_COLLECTION_LIMIT,
	type AnyDoc
} from './registry';
import { mergeKindSchemas } from './schema/merged-schema';

const office = {
	username: 'office1',
	orgId: 'org-a',
	roles: [{ role: 'office' as const, orgId: 'org-a' }]
};

describe('the registry', () => {
	it(`keeps the plan within ${MAX_COLLECTIONS} collections`, () => {
		expect(collectionNames.length).toBeLessThanOrEqual(MAX_COLLECTIONS);
		expect(() => checkCollectionBudget(collectionNames)).not.toThrow();
	});

	it('says clearly when a twelfth collection would be added', () => {
		const twelve = [...collectionNames, 'a', 'b', 'c'].slice(0, 12);
		expect(() => checkCollectionBudget(twelve)).toThrow(
			/has 12 collections .* allows 11\. Put the new kind into a collection of the plan/
		);
	});

	it('keeps two collections spare of the 13 open-source RxDB opens in one realm', () => {
		// A future layout change keeps the previous layout's collections open beside the plan's.
		expect(MAX_COLLECTIONS + 2).toBeLessThanOrEqual(RXDB_OPEN_COLLECTION_LIMIT);
	});

	it('knows no other collection, inherited names and the retired ones of layout 1 included', () => {
		for (const name of ['nope', '', 'toString', '__proto__', 'constructor', 'orgs', 'badges']) {
			expect(isCollectionName(name), name).toBe(false);
		}
		expect(isCollectionName('directory')).toBe(true);
	});

	it('names every kind once', () => {
		const names = collectionNames.flatMap((name) => kindsOf(name).map((kind) => kind.name));
		expect(new Set(names).size).toBe(names.length);
	});

	it("tells a collection's kinds apart by their `kind` values", () => {
		for (const name of collectionNames) {
			const kinds = kindsOf(name);
			const values = kinds.flatMap((kind) => kind.kindValues ?? []);
			expect(new Set(values).size, name).toBe(values.length);
			// At most one kind of a collection goes without a `kind` field: the one that came first.
			if (kinds.length > 1)
				expect(kinds.filter((kind) => !kind.kindValues).length, name).toBeLessThanOrEqual(1);
			for (const kind of kinds) {
				const declared = (kind.schema.properties['kind'] as { enum?: string[] } | undefined)?.enum;
				expect(declared ?? [], kind.name).toEqual([...(kind.kindValues ?? [])]);
			}
		}
	});

	it('finds the kind of a document by its `kind` field', () => {
		expect(kindOf('directory', { kind: 'branch' })).toBe(orgs);
		expect(kindOf('directory', { kind: 'street' })).toBe(communities);
		expect(kindOf('directory', { kind: 'nonsense' })).toBeNull();
		expect(kindOf('directory', {})).toBeNull();
		expect(kindOf('members', {})?.name).toBe('member');
	});

	it('takes a document without a `kind` field for the kind that declares none', () => {
		// Activities and members' contacts came before the kinds kept beside them.
		expect(kindOf('activities', { id: 'a1', title: '义诊' })?.name).toBe('activity');
		expect(kindOf('activities', { kind: 'project' })?.name).toBe('service-item');
		expect(kindOf('activities', { kind: 'item-tally' })?.name).toBe('item-tally');
		expect(kindOf('activities', { kind: 'nonsense' })).toBeNull();
		expect(kindOf('contacts', { id: 'm001' })?.name).toBe('contact');
		expect(kindOf('contacts', { kind: 'resident' })?.name).toBe('resident');
		expect(kindOf('contacts', { kind: 'resident-share' })?.name).toBe('resident-share');
		// Every kind of the attendance collection has a `kind` field: none is taken without one.
		expect(kindOf('attendance', { id: 'x' })).toBeNull();
		expect(kindOf('attendance', { kind: 'claim' })?.name).toBe('claim');
	});

	it('stores an activity, which has no `kind` field, beside the kinds that have one', () => {
		const schema = collectionSchema('activities');
		expect(schema.required).not.toContain('kind');
		expect(schema.required).toEqual(expect.arrayContaining(['id', 'communityId', 'channels']));
		expect(collectionSchema('attendance').required).toContain('kind');
		expect(collectionSchema('contacts').required).not.toContain('kind');
	});

	it("gives a collection of several kinds one schema that stores each kind's documents", () => {
		const schema = collectionSchema('directory');
		expect(schema.required).toEqual(expect.arrayContaining(['id', 'kind', 'channels']));
		expect((schema.properties['kind'] as { enum: string[] }).enum).toEqual(
			expect.arrayContaining([
				'bureau',
				'branch',
				'county',
				'street',
				'community',
				'issuer',
				'badge'
			])
		);
		expect(collectionSchema('members')).toBe(kindsOf('members')[0]?.schema);
	});

	it('refuses to merge kinds that define a property differently', () => {
		const a = {
			...orgs.schema,
			properties: { ...orgs.schema.properties, name: { type: 'string' } }
		};
		expect(() => mergeKindSchemas('x', 0, [a, communities.schema])).toThrow(/"name" differently/);
	});

	it('stores the values of a field every kind of a collection takes, when only the values differ', () => {
		const decision = collectionSchema('reviews').properties['decision'] as { enum: string[] };
		expect([...decision.enum].sort()).toEqual(['approved', 'confirmed', 'returned']);
		const a = {
			...orgs.schema,
			properties: { ...orgs.schema.properties, name: { type: 'string' } }
		};
		const b = {
			...communities.schema,
			properties: { ...communities.schema.properties, name: { type: 'integer', enum: [1] } }
		};
		expect(() => mergeKindSchemas('x', 0, [a, b])).toThrow(/"name" differently/);
	});

	it('indexes only fields every kind of a collection requires (Dexie refuses others)', () => {
		for (const name of collectionNames) {
			const schema = collectionSchema(name);
			for (const index of schema.indexes ?? []) {
				for (const field of Array.isArray(index) ? index : [index]) {
					expect(schema.required, `${name}: index on ${field}`).toContain(field);
				}
			}
		}
		expect(collectionSchema('attendance').indexes).toBeUndefined();
		expect(collectionSchema('members').indexes).toEqual(['branchId']);
	});
});

describe('checkWrite across kinds', () => {
	const branch = {
		id: 'br1',
		kind: 'branch',
		name: '第一支部',
		parentId: 'org-a',
		updatedAt: '2026-01-01T00:00:00.000Z',
		channels: ['public']
	} as AnyDoc;

	it("applies the document's own kind's schema and policy", () => {
		const attempt = {
			collection: 'directory' as const,
			actor: office,
			prev: null,
			deleting: false,
			subject: null
		};
		expect(checkWrite({ ...attempt, next: branch })).toEqual({ ok: true });
		expect(checkWrite({ ...attempt, next: { ...branch, kind: 'nonsense' } })).toMatchObject({
			ok: false,
			reason: 'invalid'
		});
		// A field of another kind of the same collection is not one of a branch's.
		expect(checkWrite({ ...attempt, next: { ...branch, serial: 3 } })).toMatchObject({
			ok: false,
			reason: 'invalid'
		});
	});

	it('never lets a document become another kind', () => {
		const community = { ...branch, kind: 'community' } as AnyDoc;
		delete community['parentId'];
		expect(
			checkWrite({
				collection: 'directory',
				actor: office,
				prev: community,
				next: branch,
				deleting: false,
				subject: null
			})
		).toEqual({ ok: false, reason: 'immutable-field', detail: 'kind' });
	});
});
