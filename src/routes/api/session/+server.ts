import { baodaoServer } from '$lib/server/instance';
import type { RequestHandler } from './$types';

// adapter-node's getClientAddress() reads ADDRESS_HEADER/XFF_DEPTH when the app is behind a proxy
// (docs/operations.md); sign-in attempts are limited per that address.
const handle: RequestHandler = async ({ request, getClientAddress }) => {
	const server = await baodaoServer();
	return (await server.handle(request, getClientAddress())) ?? new Response(null, { status: 404 });
};

export const GET = handle;
export const POST = handle;
export const DELETE = handle;
export const fallback = handle;
