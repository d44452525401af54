import type { RxDocument } from 'rxdb';
import { firstValueFrom, of } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { anActivity } from '../../test-data/activity-fixtures';
import { anItem, aTally } from '../../test-data/marketplace-fixtures';
import type { ActivitiesDoc, ContactsDoc } from '../domain/registry';
import { activityDoc, activityDocs } from './activity-docs';
import { contactDoc, contactDocs } from './contact-docs';

/** Query results as RxDB gives them: documents whose plain form is `toMutableJSON()`. */
function held<T>(docs: T[]): RxDocument<T>[] {
	return docs.map((doc) => ({ toMutableJSON: () => doc }) as unknown as RxDocument<T>);
}

describe('readers of a collection of several kinds', () => {
	it('list activities only, not the service items and tallies beside them', async () => {
		const activity = anActivity();
		const item = anItem();
		const docs: ActivitiesDoc[] = [activity, item, aTally(item, [])];
		expect(await firstValueFrom(of(held(docs)).pipe(activityDocs()))).toEqual([activity]);
		const [one] = held<ActivitiesDoc>([item]);
		expect(await firstValueFrom(of(one ?? null).pipe(activityDoc()))).toBeNull();
	});

	it("list members' contacts only, not residents and their shares", async () => {
		const contact = {
			id: 'm001',
			memberId: 'm001',
			branchId: 'br1',
			phone: '13800000001',
			updatedAt: '2026-01-01T00:00:00.000Z',
			channels: ['member:m001']
		};
		const resident = {
			id: 'it-w1.resident',
			kind: 'resident' as const,
			itemId: 'it-w1',
			communityId: 'cm2',
			name: '李奶奶',
			phone: '13900000001',
			updatedAt: '2026-01-01T00:00:00.000Z',
			channels: ['community:cm2']
		};
		const docs: ContactsDoc[] = [contact, resident];
		expect(await firstValueFrom(of(held(docs)).pipe(contactDocs()))).toEqual([contact]);
		const [one] = held<ContactsDoc>([resident]);
		expect(await firstValueFrom(of(one ?? null).pipe(contactDoc()))).toBeNull();
	});
});
