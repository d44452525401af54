import { channel } from '../channels';
import { baseProperties, type CollectionDefinition } from '../collection-definition';
import { compositeId, instant } from '../ids';

export type NoticeKind = 'write-rejected';

/** A message from the server to one person, e.g. why a change they made was refused. */
export interface Notice {
	id: string;
	recipient: string;
	kind: NoticeKind;
	/** The collection of the document it is about (RxDB reserves the name `collection`). */
	docCollection?: string;
	docId?: string;
	reason?: string;
	detail?: string;
	createdAt: string;
	channels: string[];
}

export const notices: CollectionDefinition<Notice> = {
	name: 'notices',
	schema: {
		title: 'notice',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			recipient: { type: 'string', minLength: 1, maxLength: 64 },
			kind: { type: 'string', enum: ['write-rejected'] },
			docCollection: { type: 'string', maxLength: 40 },
			docId: compositeId,
			reason: { type: 'string', maxLength: 40 },
			detail: { type: 'string', maxLength: 200 },
			createdAt: instant,
			...baseProperties
		},
		required: ['id', 'recipient', 'kind', 'createdAt', 'channels'],
		additionalProperties: false
	},
	channelsOf: (n) => [channel.user(n.recipient)],
	// Server-owned: devices only read notices.
	policy: null
};
