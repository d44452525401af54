import { describe, expect, it } from 'vitest';
import databases from '../../../couch/databases.json' with { type: 'json' };
import { collectionNames } from '../domain/registry';

describe('couch/databases.json', () => {
	it('lists the databases of the collection registry, no more and no fewer', () => {
		expect(
			databases.replicated,
			'replicated: the collections of src/lib/domain/registry.ts'
		).toEqual(collectionNames);
	});
});
