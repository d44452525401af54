import { forwardToServer } from '$lib/server/instance';

export const POST = forwardToServer;
export const fallback = forwardToServer;
