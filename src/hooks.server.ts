import type { ServerInit } from '@sveltejs/kit';
import { baodaoServer } from '$lib/server/instance';

export const init: ServerInit = async () => {
	await baodaoServer();
};
