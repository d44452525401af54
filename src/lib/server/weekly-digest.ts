import { withChannels } from '../domain/access/write-policy';
import { channel, inYear } from '../domain/access/channels';
import { grantsOf } from '../domain/access/roles';
import { shanghaiYear } from '../domain/calendar/shanghai-calendar';
import type { MemberYearSummary } from '../domain/evaluation/member-year';
import { digestId, type DigestCounts, type Notice } from '../domain/messages/notices';
import { isApproval } from '../domain/records/approvals';
import { isCorrection } from '../domain/records/corrections';
import { recordViews } from '../domain/records/record-status';
import { isServiceRecord } from '../domain/records/service-record';
import { isReview } from '../domain/reporting/reviews';
import type { Account } from './accounts';
import { plainOf } from './stored-doc';
import type { Store } from './store';

type Plain = { kind?: unknown; id: string };

/** A secretary's digest figures from her branch's summaries and records of the year. */
export function digestCounts(
	memberYears: readonly Pick<MemberYearSummary, 'risks'>[],
	reports: readonly object[],
	reviews: readonly object[]
): DigestCounts {
	const views = recordViews({
		records: reports.filter(isServiceRecord),
		corrections: reports.filter(isCorrection),
		// The community's reviews are the kind-less ones; approvals carry their kind.
		reviews: reviews.filter(isReview),
		approvals: reviews.filter(isApproval)
	});
	return {
		atRisk: memberYears.filter((summary) => (summary.risks?.length ?? 0) > 0).length,
		waitingApproval:
			views.filter((view) => view.state === 'needs-approval').length +
			views.filter((view) => view.correction?.state === 'needs-approval').length,
		flagged: views.filter((view) => view.state === 'flagged').length
	};
}

/**
 * The secretaries' weekly digest (one per account and Shanghai ISO week): how many of her
 * branch's members are at risk, how many records wait for her approval and how many for 需核实.
 * Written once a week, after the summaries are up to date; an existing digest stays as it is.
 * Resolves with how many secretary accounts there are: none means a store not set up yet.
 */
export async function writeWeeklyDigests(store: Store, now: Date): Promise<number> {
	const accounts = await store.db('accounts').allDocs({ include_docs: true });
	const secretaries = accounts.rows.flatMap((row) => {
		const account = row.doc as unknown as Account | undefined;
		if (!account || row.id.startsWith('_design/')) return [];
		return grantsOf(account.roles ?? [], 'secretary').map((grant) => ({
			username: account._id,
			branchId: grant.branchId
		}));
	});
	// A secretary of two branches gets one digest: for the first branch her account names.
	const due = new Map<string, string>();
	for (const { username, branchId } of secretaries) {
		if (!due.has(username)) due.set(username, branchId);
	}
	const secretaryCount = due.size;
	if (secretaryCount === 0) return 0;
	const notices = store.db('notices');
	const existing = await notices.allDocs({ keys: [...due.keys()].map((u) => digestId(u, now)) });
	for (const row of existing.rows) {
		if ('value' in row && row.value && !row.value.deleted)
			due.delete(row.id.split('.digest.')[0] ?? '');
	}
	const year = shanghaiYear(now);
	const countsOf = new Map<string, DigestCounts>();
	const docs: (Omit<Notice, 'id'> & { _id: string })[] = [];
	for (const [username, branchId] of due) {
		let counts = countsOf.get(branchId);
		if (!counts) {
			counts = await branchCounts(store, branchId, year);
			countsOf.set(branchId, counts);
		}
		const { id, ...fields } = withChannels('notices', {
			id: digestId(username, now),
			kind: 'digest' as const,
			recipient: username,
			branchId,
			counts,
			createdAt: now.toISOString(),
			channels: []
		});
		docs.push({ ...fields, _id: id });
	}
	// A conflict is a digest another writer made meanwhile: the week has its digest.
	if (docs.length) await notices.bulkDocs(docs);
	return secretaryCount;
}

async function branchCounts(store: Store, branchId: string, year: number): Promise<DigestCounts> {
	const name = inYear(channel.branch(branchId), year);
	const read = async (collection: 'evaluations' | 'reports' | 'reviews') =>
		(await store.channelIndex.reader(collection)(name, '', Infinity)).docs.map((doc) =>
			plainOf<Plain>(doc)
		);
	const summaries = (await read('evaluations')).filter(
		(doc): doc is Plain & MemberYearSummary => doc.kind === 'member-year'
	);
	return digestCounts(summaries, await read('reports'), await read('reviews'));
}
