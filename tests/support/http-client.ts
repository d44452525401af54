import { DEMO_PASSWORD } from '../../src/lib/server/demo/demo-data';

/** A plain HTTP client with one session cookie, for testing the API and gateway as raw HTTP. */
export class HttpClient {
	cookie: string | null = null;

	constructor(readonly baseUrl: string) {}

	async request(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
		const headers = new Headers(init.headers);
		if (this.cookie) headers.set('cookie', this.cookie);
		let body = init.body;
		if (init.json !== undefined) {
			headers.set('content-type', 'application/json');
			body = JSON.stringify(init.json);
		}
		const response = await fetch(this.baseUrl + path, { ...init, headers, body });
		const setCookie = response.headers.get('set-cookie');
		if (setCookie) this.cookie = setCookie.split(';')[0] ?? null;
		return response;
	}

	async json<T = unknown>(
		path: string,
		init: RequestInit & { json?: unknown } = {}
	): Promise<{ status: number; body: T }> {
		const response = await this.request(path, init);
		return { status: response.status, body: (await response.json()) as T };
	}

	async signIn(username: string, password = DEMO_PASSWORD): Promise<Response> {
		return this.request('/api/session', { method: 'POST', json: { username, password } });
	}
}
