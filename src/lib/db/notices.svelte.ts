import { map } from 'rxjs';
import { claimNoticeItemId } from '../domain/marketplace/claim-notices';
import { isAddressedTo } from '../domain/messages/notices';
import type { ActivitiesDoc, Notice, NoticeKind } from '../domain/registry';
import { signedInDevice } from './device-context.svelte';
import { observe } from './observe.svelte';
import { plainDocs } from './plain-docs';

/** The signed-in person's notices, newest first: all, or those of one kind. */
export function observeNotices(kind: () => NoticeKind | undefined): { readonly current: Notice[] } {
	const device = signedInDevice();
	return observe(() => {
		const only = kind();
		return device.db.notices
			.find({ selector: only ? { kind: only } : {}, sort: [{ createdAt: 'desc' }] })
			.$.pipe(
				plainDocs<Notice>(),
				map((notices) => notices.filter((notice) => isAddressedTo(notice, device.actor)))
			);
	}, []);
}

/** The reminders a member's branch has sent them. */
export function observeReminders(memberId: () => string): { readonly current: Notice[] } {
	const device = signedInDevice();
	return observe(
		() =>
			device.db.notices
				.find({ selector: { kind: 'reminder', memberId: memberId() } })
				.$.pipe(plainDocs<Notice>()),
		[]
	);
}

/** The titles of the items claim notices are about, by item id, from the replica. */
export function observeClaimNoticeTitles(notices: () => readonly Notice[]): {
	readonly current: Readonly<Record<string, string>>;
} {
	const device = signedInDevice();
	return observe(() => {
		const ids = notices()
			.flatMap((notice) => (notice.kind === 'claim' ? (claimNoticeItemId(notice) ?? []) : []))
			.filter((id, index, all) => all.indexOf(id) === index);
		if (ids.length === 0) return null;
		return device.db.activities.find({ selector: { id: { $in: ids } } }).$.pipe(
			plainDocs<ActivitiesDoc>(),
			// The ids are items' (`it-…`): a tally has no title, and none is asked for.
			map((docs) =>
				Object.fromEntries(docs.flatMap((doc) => ('title' in doc ? [[doc.id, doc.title]] : [])))
			)
		);
	}, {});
}
