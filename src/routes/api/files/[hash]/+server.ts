import { forwardToServer } from '$lib/server/instance';

export const GET = forwardToServer;
export const PUT = forwardToServer;
export const fallback = forwardToServer;
