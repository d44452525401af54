import { map } from 'rxjs';
import { isAddressedTo } from '../domain/messages/notices';
import type { Notice, NoticeKind } from '../domain/registry';
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
