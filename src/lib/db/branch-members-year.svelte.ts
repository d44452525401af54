import type { Member, MemberYearSummary, Org } from '../domain/registry';
import { signedInDevice } from './device-context.svelte';
import { orgById } from './directory';
import { branchMemberYears } from './member-year-summaries';
import { observe } from './observe.svelte';
import { plainDocs } from './plain-docs';

export interface BranchMemberYear {
	memberId: string;
	name: string;
	/** The worker's summary of the member's year; null until it has computed one. */
	summary: MemberYearSummary | null;
}

/**
 * A branch's members and their summaries of a year, live, as the office's device holds them: the
 * roster replicates to the office, and so do the worker's `member-year` summaries — not the
 * records behind them, which are fetched on demand (record-detail.svelte.ts).
 */
export function observeBranchMembersYear(branchId: () => string, year: () => number) {
	const device = signedInDevice();
	const branch = observe(() => orgById(device.db, branchId()), null);
	const members = observe(
		() =>
			device.db.members.find({ selector: { branchId: branchId() } }).$.pipe(plainDocs<Member>()),
		[]
	);
	const summaries = observe(() => branchMemberYears(device.db, branchId(), year()), []);
	const rows = $derived.by((): BranchMemberYear[] => {
		const summaryOf = (memberId: string) =>
			summaries.current.find((s) => s.memberId === memberId) ?? null;
		return members.current
			.map((m) => ({ memberId: m.id, name: m.name, summary: summaryOf(m.id) }))
			.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
	});
	return {
		get branch(): Org | null {
			return branch.current;
		},
		get rows(): BranchMemberYear[] {
			return rows;
		}
	};
}
