import type { Org } from '../domain/registry';
import { roundingRules, type RuleOf } from '../domain/events/service-hours';
import type { BaodaoDatabase } from './database';
import { observe } from './observe.svelte';
import { plainDocs } from './plain-docs';

/** How each bureau rounds its members' service time, live from the replica's organisations. */
export function observeRoundingRules(database: () => BaodaoDatabase): { readonly current: RuleOf } {
	const bureaus = observe(
		() =>
			database()
				.orgs.find({ selector: { kind: 'bureau' } })
				.$.pipe(plainDocs<Org>()),
		[]
	);
	const ruleOf = $derived(roundingRules(bureaus.current));
	return {
		get current() {
			return ruleOf;
		}
	};
}
