import type { WriteContext } from '../lib/domain/access/write-verdict';

/**
 * The part of a policy's context that most collections ignore: no related documents (as the gateway
 * would find them) and a fixed clock (test fixture; only `*.test.ts` files import this).
 */
export const plainContext: Pick<WriteContext<unknown>, 'related' | 'relatedComplete' | 'now'> = {
	related: () => null,
	relatedComplete: true,
	now: new Date('2026-06-01T04:00:00Z')
};
