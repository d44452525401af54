import type { Handle, ServerInit } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { oversizeBody } from '$lib/server/body-limits';
import { baodaoServer } from '$lib/server/instance';
import { withSecurityHeaders } from '$lib/server/security-headers';
import { closeOnShutdown } from '$lib/server/shutdown';

export const init: ServerInit = async () => {
	const app = await baodaoServer();
	// In development Vite owns the process and its signals.
	if (!dev) closeOnShutdown(app);
};

/**
 * Pages, API and sync answers all carry the security headers (security-headers.ts). A body over
 * its route's limit is refused before anything reads it (body-limits.ts).
 */
export const handle: Handle = async ({ event, resolve }) =>
	withSecurityHeaders(event.request, oversizeBody(event.request) ?? (await resolve(event)));
