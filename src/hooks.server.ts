import type { Handle, ServerInit } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { baodaoServer } from '$lib/server/instance';
import { withSecurityHeaders } from '$lib/server/security-headers';
import { closeOnShutdown } from '$lib/server/shutdown';

export const init: ServerInit = async () => {
	const app = await baodaoServer();
	// In development Vite owns the process and its signals.
	if (!dev) closeOnShutdown(app);
};

/** Pages, API and sync answers all carry the security headers (security-headers.ts). */
export const handle: Handle = async ({ event, resolve }) =>
	withSecurityHeaders(event.request, await resolve(event));
