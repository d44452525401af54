import { baodaoServer } from '$lib/server/instance';
import type { RequestHandler } from './$types';

const handle: RequestHandler = async ({ request }) => {
	const server = await baodaoServer();
	return (await server.handle(request)) ?? new Response(null, { status: 404 });
};

export const GET = handle;
export const PUT = handle;
export const fallback = handle;
