import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../domain/files/file-rules';
import { BODY_LIMIT_BYTES, oversizeBody } from './body-limits';

const declaring = (path: string, length: number) =>
	new Request(`http://app.test${path}`, {
		method: 'POST',
		headers: { 'content-length': String(length) }
	});

describe('body limits per route', () => {
	it('lets a file route take up to a whole file', async () => {
		const file = `/api/files/${'a'.repeat(64)}`;
		expect(oversizeBody(declaring(file, MAX_FILE_BYTES))).toBeNull();
		const refused = oversizeBody(declaring(file, MAX_FILE_BYTES + 1));
		expect(refused?.status).toBe(413);
		expect(await refused?.json()).toMatchObject({ error: 'too_large' });
	});

	it('keeps every other route at its own limit', () => {
		const bigger = BODY_LIMIT_BYTES + 1;
		expect(BODY_LIMIT_BYTES).toBeLessThan(MAX_FILE_BYTES);
		for (const path of ['/sync/reports/_bulk_docs', '/api/session', '/api/filesx', '/']) {
			expect(oversizeBody(declaring(path, BODY_LIMIT_BYTES))).toBeNull();
			expect(oversizeBody(declaring(path, bigger))?.status).toBe(413);
		}
	});

	it('leaves a request without a declared length to the route reading it', () => {
		expect(oversizeBody(new Request('http://app.test/sync/x', { method: 'POST' }))).toBeNull();
	});
});
