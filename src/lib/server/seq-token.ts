import { createHmac, timingSafeEqual } from 'node:crypto';

export type UpstreamSeq = string | number;

/**
 * Where a device is in one collection's feed. During an initial sync the gateway walks the channel
 * index (`index`), remembering the store's sequence from when it began; afterwards it follows the
 * store's changes feed from `seq`.
 */
export interface FeedPosition {
	seq: UpstreamSeq;
	index?: { channel: string; after: string };
}

interface TokenBody {
	d: string;
	s: UpstreamSeq;
	c?: string;
	a?: string;
	/** The order of ids the walk follows (`WALK_ORDER`); absent in tokens of before issue 11. */
	o?: number;
}

/**
 * Issue 11's channel index orders a channel's ids by their bytes, the view before it CouchDB's
 * way. A device part-way through a channel when the server is upgraded walks that channel again
 * from its start (what it already has comes twice, which replication absorbs), since `after` in
 * the other order could skip documents.
 */
const WALK_ORDER = 2;

/**
 * Positions travel to devices as opaque, signed `since` tokens: a forged or garbled token is
 * refused instead of silently reading from the wrong place.
 */
export class SeqTokens {
	constructor(private readonly secret: Uint8Array) {}

	private sign(payload: string): string {
		return createHmac('sha256', this.secret)
			.update(payload)
			.digest()
			.subarray(0, 16)
			.toString('base64url');
	}

	encode(database: string, position: FeedPosition): string {
		const body: TokenBody = { d: database, s: position.seq };
		if (position.index) {
			body.c = position.index.channel;
			body.a = position.index.after;
			body.o = WALK_ORDER;
		}
		const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
		return `${payload}.${this.sign(payload)}`;
	}

	/** The position a token stands for, or null when it is not one this gateway issued. */
	decode(database: string, token: string): FeedPosition | null {
		const [payload, signature, extra] = token.split('.');
		if (!payload || !signature || extra !== undefined) return null;
		const expected = new TextEncoder().encode(this.sign(payload));
		const given = new TextEncoder().encode(signature);
		if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
		let body: TokenBody;
		try {
			body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenBody;
		} catch {
			return null;
		}
		if (body.d !== database) return null;
		if (typeof body.s !== 'string' && typeof body.s !== 'number') return null;
		if (typeof body.c === 'string' && typeof body.a === 'string') {
			const after = body.o === WALK_ORDER ? body.a : '';
			return { seq: body.s, index: { channel: body.c, after } };
		}
		return { seq: body.s };
	}
}
