import { describe, expect, it } from 'vitest';
import { communities } from '../domain/directory/communities';
import { servesDoc, syncTargetOf, tokenScope, type SyncTarget } from './sync-target';

const target = (name: string): SyncTarget => {
	const found = syncTargetOf(name);
	if (!found) throw new Error(`no target ${name}`);
	return found;
};

describe('syncTargetOf', () => {
	it('serves a collection of the layout whole, from its own database', () => {
		expect(syncTargetOf('directory')).toEqual({
			name: 'directory',
			collection: 'directory',
			only: null
		});
	});

	it('serves a legacy name from the collection its kind lives in, limited to that kind', () => {
		expect(syncTargetOf('communities')).toEqual({
			name: 'communities',
			collection: 'directory',
			only: communities
		});
	});

	it('knows no other name, inherited ones included', () => {
		for (const name of ['nope', '', 'toString', '__proto__', 'constructor']) {
			expect(syncTargetOf(name), name).toBeNull();
		}
	});
});

describe('servesDoc', () => {
	const community = { _id: 'cm1', kind: 'community' };
	const branch = { _id: 'br1', kind: 'branch' };

	it('serves every document of a layout collection', () => {
		expect(servesDoc(target('directory'), community)).toBe(true);
		expect(servesDoc(target('directory'), branch)).toBe(true);
	});

	it('serves a legacy name only the documents of its kind', () => {
		expect(servesDoc(target('communities'), community)).toBe(true);
		expect(servesDoc(target('communities'), branch)).toBe(false);
	});
});

describe('tokenScope', () => {
	// A token the old database of a legacy name issued (scope: the bare name) must not decode.
	it('gives a legacy name a scope apart from its old database and from its new collection', () => {
		const scopes = ['directory', 'communities', 'orgs', 'reports'].map((name) =>
			tokenScope(target(name))
		);
		expect(new Set(scopes).size).toBe(4);
		expect(scopes).not.toContain('communities');
		expect(tokenScope(target('reports'))).toBe('reports');
	});
});
