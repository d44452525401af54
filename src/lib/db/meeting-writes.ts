import type { Actor } from '../domain/access/roles';
import type { ListItem, Minutes } from '../domain/ledger/ledger-docs';
import type { Activity, Credential, Org } from '../domain/registry';
import { writeActivityWithKey } from './activity-keys';
import type { BaodaoDatabase } from './database';
import { writeAllChecked, writeChecked } from './local-write';

/**
 * A joint meeting as the activity form schedules it: the activity and its signing key, then the
 * minutes that keep its agenda and invited units in the pair's ledger. The activity goes first:
 * its checks (who may organise, in the branch's linked community) are the minutes' own, so
 * minutes never stand for a meeting the device refused.
 */
export async function writeMeeting(
	db: BaodaoDatabase,
	actor: Actor,
	meeting: { activity: Activity; credential: Credential; host: Org; minutes: Minutes }
): Promise<void> {
	await writeActivityWithKey(db, actor, meeting.activity, meeting.credential, meeting.host);
	await writeChecked(db, 'ledger', actor, meeting.minutes);
}

/**
 * Minutes as saved after the meeting, then the list item of each new decision: the items name
 * their decision in the minutes, which their checks read, so the minutes are stored first.
 */
export async function writeMinutes(
	db: BaodaoDatabase,
	actor: Actor,
	minutes: Minutes,
	items: readonly ListItem[]
): Promise<void> {
	await writeChecked(db, 'ledger', actor, minutes);
	if (items.length > 0) {
		await writeAllChecked(
			db,
			'ledger',
			actor,
			items.map((next) => ({ next, subject: null }))
		);
	}
}
