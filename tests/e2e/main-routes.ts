/** Every screen a person reaches by address; each must open offline (tests/e2e/pwa.spec.ts). */
export const MAIN_ROUTES: readonly string[] = [
	'/',
	'/login',
	'/report',
	'/profile',
	'/notices',
	'/review',
	'/residents',
	'/branch',
	'/coverage',
	'/activities',
	'/activities/new',
	'/activities/scan',
	'/services',
	'/services/desk',
	'/records',
	'/records/new',
	'/records/points',
	'/branch/approvals',
	'/coverage/points'
];
