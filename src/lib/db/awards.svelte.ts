import { map } from 'rxjs';
import { isAward, type Award } from '../domain/awards/awards';
import {
	isObjection,
	isObjectionOutcome,
	type Objection,
	type ObjectionOutcome
} from '../domain/awards/objections';
import { shanghaiYear } from '../domain/calendar/shanghai-calendar';
import type { Community, EvaluationDoc, Member, MemberYearSummary, Org } from '../domain/registry';
import { currentTime } from './clock';
import { signedInDevice } from './device-context.svelte';
import { communitiesWhere, orgById, orgsWhere } from './directory';
import { observe } from './observe.svelte';
import { plainDocs, plainDocsOfKind } from './plain-docs';

/**
 * What the office's device holds for R18's selection of a bureau's year, live: its awards, the
 * objections the server took and the office's outcomes, and the year's member summaries the
 * nominations are proposed from, with the names a nominee is announced under.
 */
export function observeBureauAwards(orgId: () => string) {
	const device = signedInDevice();
	const year = shanghaiYear(currentTime());
	const ofYear = (kind: EvaluationDoc['kind']) =>
		device.db.evaluations.find({ selector: { kind, orgId: orgId(), year } }).$;
	const awards = observe(
		() => ofYear('award').pipe(plainDocsOfKind<EvaluationDoc, Award>(isAward)),
		[]
	);
	const objections = observe(
		() => ofYear('objection').pipe(plainDocsOfKind<EvaluationDoc, Objection>(isObjection)),
		[]
	);
	const outcomes = observe(
		() =>
			ofYear('objection-outcome').pipe(
				plainDocsOfKind<EvaluationDoc, ObjectionOutcome>(isObjectionOutcome)
			),
		[]
	);
	const summaries = observe(
		() =>
			ofYear('member-year').pipe(
				plainDocs<EvaluationDoc>(),
				map((docs) => docs.filter((d): d is MemberYearSummary => d.kind === 'member-year'))
			),
		[]
	);
	const members = observe(
		() => device.db.members.find({ selector: { orgId: orgId() } }).$.pipe(plainDocs<Member>()),
		[]
	);
	const bureau = observe(() => orgById(device.db, orgId()), null);
	const branches = observe(() => orgsWhere(device.db, { kind: 'branch', parentId: orgId() }), []);
	const communities = observe(() => communitiesWhere(device.db), []);
	return {
		year,
		get awards(): Award[] {
			return awards.current;
		},
		get objections(): Objection[] {
			return objections.current;
		},
		get outcomes(): ObjectionOutcome[] {
			return outcomes.current;
		},
		get summaries(): MemberYearSummary[] {
			return summaries.current;
		},
		get members(): Member[] {
			return members.current;
		},
		get bureau(): Org | null {
			return bureau.current;
		},
		get branches(): Org[] {
			return branches.current;
		},
		get communities(): Community[] {
			return communities.current;
		}
	};
}

/** The announced and published awards this device holds (they are public), newest year first. */
export function observeAnnouncedAwards() {
	const device = signedInDevice();
	const awards = observe(
		() =>
			device.db.evaluations
				.find({ selector: { kind: 'award', state: { $in: ['announced', 'published'] } } })
				.$.pipe(
					plainDocsOfKind<EvaluationDoc, Award>(isAward),
					map((found) =>
						found.sort((a, b) => b.year - a.year || a.awardType.localeCompare(b.awardType))
					)
				),
		[]
	);
	return {
		get awards(): Award[] {
			return awards.current;
		}
	};
}
