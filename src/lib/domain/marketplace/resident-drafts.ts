import { withChannels } from '../access/write-policy';
import { isMobile, normalizeMobile } from '../access/personal-data';
import { residentId, type Resident } from './residents';
import type { ServiceItem } from './service-items';

export const RESIDENT_NAME_MAX = 50;
export const RESIDENT_ADDRESS_MAX = 200;

/** The resident behind a need or a micro-wish, as staff type them. */
export interface ResidentDraft {
	name: string;
	phone: string;
	address: string;
}

export type ResidentField = 'name' | 'phone' | 'address';
export type ResidentProblem =
	'resident-name-required' | 'resident-name-too-long' | 'mobile-invalid' | 'address-too-long';
export type ResidentProblems = Partial<Record<ResidentField, ResidentProblem>>;

export type ResidentInput = Pick<Resident, 'name'> & Partial<Pick<Resident, 'phone' | 'address'>>;

/** The resident's contact a draft gives, or its problems, one per field. */
export function readResidentDraft(
	draft: ResidentDraft
): { ok: true; input: ResidentInput } | { ok: false; problems: ResidentProblems } {
	const problems: ResidentProblems = {};
	const name = draft.name.trim();
	if (!name) problems.name = 'resident-name-required';
	else if (name.length > RESIDENT_NAME_MAX) problems.name = 'resident-name-too-long';
	const phoneText = draft.phone.trim();
	// A mobile only, as members' contacts have it: the member who claims calls or texts it.
	const phone = normalizeMobile(phoneText);
	if (phoneText && !isMobile(phone)) problems.phone = 'mobile-invalid';
	const address = draft.address.trim();
	if (address.length > RESIDENT_ADDRESS_MAX) problems.address = 'address-too-long';
	if (Object.keys(problems).length > 0) return { ok: false, problems };
	return {
		ok: true,
		input: { name, ...(phoneText ? { phone } : {}), ...(address ? { address } : {}) }
	};
}

/** The resident of an item, kept apart from it where only the community's staff read it. */
export function residentOf(
	item: Pick<ServiceItem, 'id' | 'communityId'>,
	input: ResidentInput,
	now: Date
): Resident {
	return withChannels('contacts', {
		...input,
		id: residentId(item.id),
		kind: 'resident',
		itemId: item.id,
		communityId: item.communityId,
		updatedAt: now.toISOString(),
		channels: []
	} satisfies Resident);
}
