import { Agent, request } from 'node:http';
import { SESSION_COOKIE } from '../src/lib/server/sessions';

/**
 * Raw HTTP/1.1 over node:http with a keep-alive agent sized for many concurrent longpolls (the
 * global fetch pools connections per origin too, but this keeps the count explicit).
 */
export function benchAgent(maxSockets: number): Agent {
	return new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
}

export interface JsonResponse<T> {
	status: number;
	body: T;
}

export function sessionCookie(token: string): string {
	return `${SESSION_COOKIE}=${token}`;
}

/** One request with a session cookie; resolves with the parsed JSON body once it has fully arrived. */
export function requestJson<T>(
	agent: Agent,
	url: string,
	options: { cookie: string; method?: 'GET' | 'POST'; json?: unknown; signal?: AbortSignal }
): Promise<JsonResponse<T>> {
	return new Promise((resolve, reject) => {
		const body = options.json === undefined ? undefined : JSON.stringify(options.json);
		const req = request(
			url,
			{
				agent,
				method: options.method ?? 'GET',
				signal: options.signal,
				headers: {
					cookie: options.cookie,
					accept: 'application/json',
					...(body === undefined
						? {}
						: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
				}
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => (text += chunk));
				res.on('error', reject);
				res.on('end', () => {
					try {
						resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as T });
					} catch {
						reject(new Error(`Not JSON (${res.statusCode}): ${text.slice(0, 200)}`));
					}
				});
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}
