import { describe, expect, it } from 'vitest';
import { cameraProblem, cameraUnavailable } from './camera-problem';

function failure(name: string): Error {
	const error = new Error('camera');
	error.name = name;
	return error;
}

describe('cameraProblem', () => {
	it('reads a refused permission as denied', () => {
		expect(cameraProblem(failure('NotAllowedError'))).toBe('denied');
		expect(cameraProblem(failure('SecurityError'))).toBe('denied');
	});

	it('reads a missing device as no camera', () => {
		expect(cameraProblem(failure('NotFoundError'))).toBe('no-camera');
	});

	it('reads a device held by another app as busy', () => {
		expect(cameraProblem(failure('NotReadableError'))).toBe('busy');
	});

	it('reads anything else as a failure worth retrying', () => {
		expect(cameraProblem(failure('OverconstrainedError'))).toBe('failed');
		expect(cameraProblem('not an error')).toBe('failed');
	});
});

describe('cameraUnavailable', () => {
	const withCamera = { mediaDevices: { getUserMedia: () => Promise.reject(new Error()) } };

	it('needs a secure page', () => {
		const scope = { isSecureContext: false, navigator: withCamera as unknown as Navigator };
		expect(cameraUnavailable(scope)).toBe('insecure');
	});

	it('needs mediaDevices', () => {
		const scope = { isSecureContext: true, navigator: {} as Navigator };
		expect(cameraUnavailable(scope)).toBe('no-camera');
	});

	it('lets a secure page with mediaDevices ask', () => {
		const scope = { isSecureContext: true, navigator: withCamera as unknown as Navigator };
		expect(cameraUnavailable(scope)).toBeNull();
	});
});
