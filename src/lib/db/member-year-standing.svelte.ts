import { map } from 'rxjs';
import type { MemberRecords } from '../domain/access/record-detail';
import { shanghaiYear } from '../domain/calendar/shanghai-calendar';
import { memberYearId } from '../domain/evaluation/member-year';
import { standingOf, type MemberStanding } from '../domain/points/member-standing';
import { schemeVersions, type PointsScheme } from '../domain/points/points-scheme';
import type { EvaluationDoc, MemberYearSummary } from '../domain/registry';
import { currentTime } from './clock';
import { signedInDevice } from './device-context.svelte';
import { observe } from './observe.svelte';
import { plainDoc } from './plain-docs';
import { storedSchemes } from './points-schemes.svelte';
import { judgingDocs, memberFeedback } from './judging-docs';
import type { Feedback } from '../domain/feedback/community-feedback';

/**
 * One member's summary of this year as the worker computed it (points, grade, gates, R12/R13),
 * live: the office holds it offline too, while the records behind it are fetched on demand.
 */
export function observeMemberYear(memberId: () => string) {
	const device = signedInDevice();
	const year = shanghaiYear(currentTime());
	const summary = observe(
		() =>
			device.db.evaluations.findOne(memberYearId(memberId(), year)).$.pipe(
				plainDoc<EvaluationDoc>(),
				map((doc) => (doc?.kind === 'member-year' ? doc : null))
			),
		null
	);
	return {
		year,
		get summary(): MemberYearSummary | null {
			return summary.current;
		}
	};
}

/** The documents of an answer as `standingOf` reads them (it tells the kinds apart itself). */
const anyKind = (docs: readonly object[]) => docs as readonly { kind?: unknown }[];

/**
 * Why a member has their points this year, line by line: `standingOf` — the worker's function —
 * over the records fetched for the drill-down and the bureau's schemes the device holds. Null
 * until records are there.
 */
export function observeMemberPoints(
	records: () => MemberRecords | null,
	linkedCommunityId: () => string | undefined
) {
	const device = signedInDevice();
	const year = shanghaiYear(currentTime());
	const orgId = $derived(records()?.member.orgId);
	const schemes = observe(() => (orgId ? storedSchemes(device.db, { orgId, year }) : null), []);
	// The office holds the bureau's breaches and feedback of the year: no fetch needed for them.
	const memberId = $derived(records()?.member.id);
	const judging = observe(() => (memberId ? judgingDocs(device.db, { memberId }) : null), []);
	const feedback = observe(() => (memberId ? memberFeedback(device.db, memberId) : null), []);
	const standing = $derived.by((): MemberStanding | null => {
		const answer = records();
		if (!answer) return null;
		// A copy kept before the answer carried records has none of them.
		const docs = {
			reports: anyKind([
				...answer.reports,
				...(answer.records ?? []),
				...(answer.corrections ?? [])
			]),
			reviews: anyKind([...answer.reviews, ...(answer.approvals ?? [])]),
			schemes: schemes.current,
			evaluations: judging.current
		};
		return standingOf(answer.member, linkedCommunityId(), docs, year, currentTime());
	});
	const versions = $derived(orgId ? schemeVersions(schemes.current, orgId, year) : []);
	return {
		year,
		get standing(): MemberStanding | null {
			return standing;
		},
		get versions(): PointsScheme[] {
			return versions;
		},
		get feedback(): Feedback[] {
			return feedback.current;
		}
	};
}
