import { describe, expect, it } from 'vitest';
import type { Org } from '../domain/registry';
import { rosterBureaus } from './roster-bureaus.svelte';

const bureau = (id: string, name: string) => ({ id, name, kind: 'bureau' }) as Org;
const known = [bureau('b2', '住建局'), bureau('b1', '财政局')];

describe('rosterBureaus', () => {
	it('offers the admin every bureau of the directory, by name', () => {
		expect(rosterBureaus([{ role: 'admin' }], known).map((b) => b.id)).toEqual(['b1', 'b2']);
	});

	it('offers an office only its own bureaus, by id until the directory has the name', () => {
		expect(
			rosterBureaus(
				[
					{ role: 'office', orgId: 'b1' },
					{ role: 'office', orgId: 'b9' }
				],
				known
			)
		).toEqual([
			{ id: 'b1', name: '财政局' },
			{ id: 'b9', name: 'b9' }
		]);
	});
});
