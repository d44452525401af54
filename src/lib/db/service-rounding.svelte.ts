import type { Org } from '../domain/registry';
import {
	DEFAULT_ROUNDING,
	roundingRules,
	type RoundingRule,
	type RuleOf
} from '../domain/events/service-hours';
import { currentTime } from './clock';
import { signedInDevice } from './device-context.svelte';
import { orgById, orgsWhere } from './directory';
import { ownFields, writeChecked } from './local-write';
import { observe } from './observe.svelte';
import type { WriteOutcome } from './write-outcome';

/** How each bureau rounds its members' service time, live from the replica's organisations. */
export function observeRoundingRules(): { readonly current: RuleOf } {
	const device = signedInDevice();
	const bureaus = observe(() => orgsWhere(device.db, { kind: 'bureau' }), []);
	const ruleOf = $derived(roundingRules(bureaus.current));
	return {
		get current() {
			return ruleOf;
		}
	};
}

/** One bureau and the rounding its office has set (the default until it sets one), live. */
export function observeBureauRounding(orgId: () => string) {
	const device = signedInDevice();
	const bureau = observe(() => orgById(device.db, orgId()), null);
	const rule = $derived(bureau.current?.serviceRounding ?? DEFAULT_ROUNDING);
	return {
		get bureau(): Org | null {
			return bureau.current;
		},
		get rule(): RoundingRule {
			return rule;
		}
	};
}

/** Setting a bureau's rounding. Call during component initialisation. */
export function roundingActions() {
	const device = signedInDevice();
	return {
		saveRounding: (bureau: Org, rule: RoundingRule): Promise<WriteOutcome> => {
			const next: Org = {
				...ownFields(bureau),
				serviceRounding: rule,
				updatedAt: currentTime().toISOString()
			};
			return device.write((db, actor) => writeChecked(db, 'directory', actor, next));
		}
	};
}
