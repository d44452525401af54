import { withChannels } from '../domain/access/write-policy';
import { grantsOf } from '../domain/access/roles';
import type { Org } from '../domain/directory/orgs';
import { isAgreement } from '../domain/ledger/ledger-docs';
import type { Agreement } from '../domain/ledger/agreements';
import { agreementNotice, agreementsDueNotice } from '../domain/messages/agreement-notices';
import type { Account } from './accounts';
import { plainOf } from './stored-doc';
import type { Store } from './store';

/** Agreement ids start so (agreementId): the ledger's other kinds are not read. */
const AGREEMENT_PREFIX = 'ag.';

/**
 * Tells each secretary account of a branch, once per end date, that the branch's co-building
 * agreement ends within 30 days (R3): a notice to her `user:` channel, with a deterministic id,
 * written only if never written (one she was shown and that was since removed stays removed).
 * Resolves with how many secretary accounts there are: none means a store not set up yet, to be
 * asked again.
 */
export async function writeAgreementNotices(store: Store, now: Date): Promise<number> {
	const accounts = await store.db('accounts').allDocs({ include_docs: true });
	const secretariesOf = new Map<string, string[]>();
	for (const row of accounts.rows) {
		const account = row.doc as unknown as Account | undefined;
		if (!account || row.id.startsWith('_design/')) continue;
		for (const { branchId } of grantsOf(account.roles ?? [], 'secretary')) {
			secretariesOf.set(branchId, [...(secretariesOf.get(branchId) ?? []), account._id]);
		}
	}
	if (secretariesOf.size === 0) return 0;

	const stored = await store.db('ledger').allDocs({
		startkey: AGREEMENT_PREFIX,
		endkey: `${AGREEMENT_PREFIX}\ufff0`,
		include_docs: true
	});
	const agreements = stored.rows.flatMap((row) => {
		const doc = row.doc ? plainOf<Agreement>(row.doc) : null;
		return doc && isAgreement(doc) ? [doc] : [];
	});
	const branchIds = [...new Set(agreements.map((agreement) => agreement.branchId))];
	const linked = new Map<string, string | null>();
	if (branchIds.length) {
		const branches = await store.db('directory').allDocs({ keys: branchIds, include_docs: true });
		for (const row of branches.rows) {
			const org = 'doc' in row && row.doc ? plainOf<Org>(row.doc) : null;
			if (org) linked.set(org.id, org.linkedCommunityId ?? null);
		}
	}
	const due = agreementsDueNotice(agreements, (id) => linked.get(id) ?? null, now).flatMap(
		(agreement) =>
			(secretariesOf.get(agreement.branchId) ?? []).map((username) =>
				withChannels('notices', agreementNotice(agreement, username, now))
			)
	);
	if (due.length === 0) return secretariesOf.size;
	const notices = store.db('notices');
	const existing = await notices.allDocs({ keys: due.map((notice) => notice.id) });
	// A row with a value was written before, deleted or not: the secretary has heard of it.
	const written = new Set(existing.rows.flatMap((row) => ('value' in row ? [row.id] : [])));
	const docs = due
		.filter((notice) => !written.has(notice.id))
		.map(({ id, ...fields }) => ({ ...fields, _id: id }));
	// A conflict is the same notice another writer made meanwhile: it is there once.
	if (docs.length) await notices.bulkDocs(docs);
	return secretariesOf.size;
}
