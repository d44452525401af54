/**
 * What `npm run mutate` covers, chosen with MUTATE (default `access`). The access-control rules
 * are pure and their unit tests kill their mutants in minutes; the gateway's modules are mostly
 * exercised through HTTP, so that scope adds the gateway's integration tests and takes far longer.
 */
/** @type {Record<string, { mutate: string[]; tests: string[] }>} */
export const scopes = {
	access: {
		mutate: ['src/lib/domain/access/*.ts', '!src/lib/domain/access/*.test.ts'],
		tests: ['src/**/*.test.ts']
	},
	gateway: {
		mutate: [
			'src/lib/server/bulk-docs.ts',
			'src/lib/server/sync-gateway.ts',
			'src/lib/server/sync-params.ts',
			'src/lib/server/authentication.ts',
			'src/lib/server/sessions.ts'
		],
		tests: [
			'src/**/*.test.ts',
			'tests/integration/gateway-*.test.ts',
			'tests/integration/session-api.test.ts',
			// The notes the gateway keeps beside a late self-scan (bulk-docs.ts).
			'tests/integration/late-sync.test.ts',
			// A write that proves a subject its writer cannot read: a walk-in's code check-in.
			'tests/integration/activity-lookup.test.ts'
		]
	}
};

/** The scope named by MUTATE; an unknown name is an error, not a silently smaller run. */
export function currentScope() {
	const name = process.env.MUTATE ?? 'access';
	const scope = scopes[name];
	if (!scope) throw new Error(`MUTATE must be one of ${Object.keys(scopes).join(', ')}`);
	return scope;
}
