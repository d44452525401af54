import type { ActivityRecords, MemberRecords, RecordDetail } from '../domain/access/record-detail';
import type { Member, Org } from '../domain/registry';
import type { RuleOf } from '../domain/events/service-hours';
import { signedInDevice } from './device-context.svelte';
import { communitiesWhere, orgsWhere } from './directory';
import { forgetRecords, keepRecords, keptRecords } from './kept-records';
import { observe } from './observe.svelte';
import { plainDoc } from './plain-docs';
import { observeRoundingRules } from './service-rounding.svelte';

/**
 * Detail on demand, as a screen sees it: the records are fetched online each time they are
 * opened and kept on the device, so that offline the last copy shows, with when it was fetched.
 */
export type DetailView<T extends RecordDetail> =
	| { state: 'loading' }
	/** Fetched just now. */
	| { state: 'fetched'; records: T }
	/** The server could not be reached (or failed): the copy kept when it was last fetched. */
	| { state: 'kept'; records: T; offline: boolean }
	/** Offline, and never fetched on this device: it must be opened online once. */
	| { state: 'never-fetched' }
	/** Nothing the signed-in person may see (or nothing at all: the server does not say which). */
	| { state: 'not-found' }
	/** Online, the server failed, and no copy is kept. */
	| { state: 'failed' };

type DetailKind = RecordDetail['kind'];

/** What came back from the server: an answer, or no answer at all (offline). */
export type FetchOutcome<T> = { status: 'offline' } | { status: number; records?: T };

/** The view from the server's answer and the copy kept before it; pure, so it is tested alone. */
export function detailView<T extends RecordDetail>(
	outcome: FetchOutcome<T>,
	kept: T | undefined
): DetailView<T> {
	if (outcome.status === 'offline') {
		return kept ? { state: 'kept', records: kept, offline: true } : { state: 'never-fetched' };
	}
	if (outcome.status === 200 && outcome.records)
		return { state: 'fetched', records: outcome.records };
	if (outcome.status === 404) return { state: 'not-found' };
	return kept ? { state: 'kept', records: kept, offline: false } : { state: 'failed' };
}

async function fetchRecords<T extends RecordDetail>(
	kind: DetailKind,
	id: string
): Promise<FetchOutcome<T>> {
	let response: Response;
	try {
		response = await fetch(`/api/records/${kind}/${encodeURIComponent(id)}`, {
			credentials: 'same-origin'
		});
	} catch {
		return { status: 'offline' };
	}
	if (!response.ok) return { status: response.status };
	return { status: response.status, records: (await response.json()) as T };
}

function observeRecords<T extends RecordDetail>(kind: DetailKind, id: () => string) {
	const device = signedInDevice();
	let view = $state.raw<DetailView<T>>({ state: 'loading' });
	let attempt = $state(0);

	// Back online after showing a kept copy (or none): fetch again by itself.
	$effect(() => {
		const again = () => {
			if (view.state === 'kept' || view.state === 'never-fetched') attempt++;
		};
		globalThis.addEventListener('online', again);
		return () => globalThis.removeEventListener('online', again);
	});

	$effect(() => {
		const key = `${kind}/${id()}`;
		const username = device.session.user.username;
		void attempt;
		let current = true;
		view = { state: 'loading' };
		void (async () => {
			const outcome = await fetchRecords<T>(kind, id());
			// Storage trouble (private mode, quota) only costs the offline copy, never the answer.
			const kept =
				outcome.status === 200
					? undefined
					: await keptRecords<T>(username, key).catch(() => undefined);
			const next = detailView(outcome, kept);
			if (next.state === 'fetched') await keepRecords(username, key, next.records).catch(() => {});
			// The server no longer shows these records to this person: neither does the device.
			if (next.state === 'not-found') await forgetRecords(username, key).catch(() => {});
			if (current) view = next;
		})();
		return () => {
			current = false;
		};
	});

	return {
		get view(): DetailView<T> {
			return view;
		},
		/** Fetches again, e.g. after coming back online. */
		refresh: () => {
			attempt++;
		}
	};
}

/**
 * One member's records (profile, reports and reviews, attendance and the activities cited), with
 * what the device holds to read them: the roster's entry (a name even before the first fetch), the
 * communities and branches of the directory, and each bureau's rounding of service time.
 */
export function observeMemberRecords(memberId: () => string) {
	const device = signedInDevice();
	const records = observeRecords<MemberRecords>('member', memberId);
	const rostered = observe(
		() => device.db.members.findOne(memberId()).$.pipe(plainDoc<Member>()),
		null
	);
	const communities = observe(() => communitiesWhere(device.db), []);
	const branches = observe(() => orgsWhere(device.db, { kind: 'branch' }), []);
	const rules = observeRoundingRules();
	return {
		get view() {
			return records.view;
		},
		refresh: records.refresh,
		get rostered(): Member | null {
			return rostered.current;
		},
		communityName: (id: string) => communities.current.find((c) => c.id === id)?.name ?? id,
		branch: (id: string): Org | null => branches.current.find((b) => b.id === id) ?? null,
		get ruleOf(): RuleOf {
			return rules.current;
		}
	};
}

/**
 * One activity's records: the activity and the attendance the signed-in person may see (the
 * office: its own bureau's members), with the community's name and the rounding of service time.
 */
export function observeActivityRecords(activityId: () => string) {
	const device = signedInDevice();
	const records = observeRecords<ActivityRecords>('activity', activityId);
	const communities = observe(() => communitiesWhere(device.db), []);
	const rules = observeRoundingRules();
	return {
		get view() {
			return records.view;
		},
		refresh: records.refresh,
		communityName: (id: string) => communities.current.find((c) => c.id === id)?.name ?? id,
		get ruleOf(): RuleOf {
			return rules.current;
		}
	};
}
