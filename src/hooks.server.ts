import type { Handle, ServerInit } from '@sveltejs/kit';
import { baodaoServer } from '$lib/server/instance';
import { withSecurityHeaders } from '$lib/server/security-headers';

export const init: ServerInit = async () => {
	await baodaoServer();
};

/** Pages, API and sync answers all carry the security headers (security-headers.ts). */
export const handle: Handle = async ({ event, resolve }) =>
	withSecurityHeaders(event.request, await resolve(event));
