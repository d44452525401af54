import { describe, expect, it } from 'vitest';
import { aRecord, anActivity } from '../../test-data/activity-fixtures';
import { STORE_TIMEOUT_MS, useTempStore } from '../../test-data/test-store';
import { CHANNEL_RULES_VERSION } from '../domain/access/channels';
import { withChannels } from '../domain/access/write-policy';
import { rechannelStore } from './rechannel';

const store = useTempStore('rechannel');

function stored<T extends { id: string }>(doc: T, channels: string[]) {
	const { id, ...fields } = doc;
	return { ...fields, _id: id, channels };
}

describe('rechannelStore', () => {
	it(
		'moves documents written under the old rules to their channels today, once',
		async () => {
			const activities = store().db('activities');
			const attendance = store().db('attendance');
			await activities.put(stored(anActivity(), ['public']));
			await attendance.put(
				stored(aRecord('in'), ['branch:br1', 'bureau:org-a', 'community:cm2', 'member:m001'])
			);
			expect(await rechannelStore(store())).toBe(2);

			const activity = await activities.get(anActivity().id);
			expect(activity['channels']).not.toContain('public');
			expect(activity['channels']).toContain('community:cm2/2026');
			const record = await attendance.get(aRecord('in').id);
			expect(record['channels']).toContain('member:m001/2026');
			expect(record['channels']).not.toContain('bureau:org-a');
			expect((await store().db('config').get('channel-rules'))['version']).toBe(
				CHANNEL_RULES_VERSION
			);

			// Recorded: a later start leaves the store alone.
			await activities.put({ ...activity, channels: ['public'] });
			expect(await rechannelStore(store())).toBe(0);
		},
		STORE_TIMEOUT_MS
	);

	it(
		'leaves a document whose channels are right untouched',
		async () => {
			const activities = store().db('activities');
			const activity = withChannels('activities', anActivity());
			await activities.put(stored(activity, activity.channels));
			const before = await activities.get(activity.id);
			expect(await rechannelStore(store())).toBe(0);
			expect((await activities.get(activity.id))._rev).toBe(before._rev);
		},
		STORE_TIMEOUT_MS
	);

	it(
		'pages through a database larger than one page',
		async () => {
			const activities = store().db('activities');
			await activities.bulkDocs(
				Array.from({ length: 1_201 }, (_, i) =>
					stored(anActivity({ id: `a${String(i).padStart(5, '0')}` }), ['public'])
				)
			);
			expect(await rechannelStore(store())).toBe(1_201);
		},
		STORE_TIMEOUT_MS
	);
});
