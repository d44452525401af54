import type { WriteContext } from '../lib/domain/access/write-verdict';

/**
 * The part of a policy's context that most collections ignore: no related documents and a fixed
 * clock (test fixture; only `*.test.ts` files import this).
 */
export const plainContext: Pick<WriteContext<unknown>, 'related' | 'now'> = {
	related: () => null,
	now: new Date('2026-06-01T04:00:00Z')
};
