import { forwardToServer } from '$lib/server/instance';

export const GET = forwardToServer;
export const POST = forwardToServer;
export const fallback = forwardToServer;
