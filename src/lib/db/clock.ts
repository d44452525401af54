/**
 * The device's clock, for the times written into documents; the gateway judges them against its
 * own. A plain module: Svelte's lint rule takes any `new Date()` in a runes module for state.
 */
export function currentTime(): Date {
	return new Date();
}
