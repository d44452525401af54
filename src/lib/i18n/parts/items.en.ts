import type { itemsZh } from './items.zh-CN';

export const itemsEn: Record<keyof typeof itemsZh, string> = {
	'items.kind.project': 'Service project',
	'items.kind.post': 'Service post',
	'items.kind.need': "Resident's need",
	'items.kind.micro-wish': 'Micro-wish',
	'items.state.open': 'Open for claims',
	'items.state.closed': 'Closed for claims',
	'items.state.cancelled': 'Cancelled',
	'items.status.pending': 'Sent; waiting for the server to confirm a place',
	'items.status.holding': 'Claimed',
	'items.status.waiting': 'On the waiting list',
	'items.status.released': 'No place (places and waiting list full, or the service cancelled)',
	'items.status.cancelled': 'Cancelled',
	'items.status.done': 'Done; waiting for the community to confirm',
	'items.status.confirmed': 'Confirmed by the community',
	'items.status.returned': 'Returned by the community',
	'items.refusal.not-member': 'Only party members can claim',
	'items.refusal.item-closed': 'This item no longer takes claims',
	'items.refusal.item-cancelled': 'This item was cancelled',
	'items.refusal.started': 'The service has started: it can no longer be claimed or cancelled',
	'items.refusal.past-deadline': 'The deadline has passed',
	'items.refusal.full': 'All places and the waiting list are taken',
	'items.refusal.already-claimed': 'You have already claimed this item',
	'items.refusal.no-shift': 'Choose a shift',
	'items.refusal.claim-final': 'This claim is closed and can no longer change',
	'items.refusal.not-started': 'You can mark it done only after the service starts',
	'items.refusal.not-holding': 'You are on the waiting list: mark it done once you hold a place',
	'items.refusal.awaiting-decision':
		'The community has not yet answered your last report; it cannot be sent again yet',
	'items.refusal.own-claim': 'You cannot confirm your own claim',
	'items.refusal.not-done': 'This claim has not been marked done'
};
