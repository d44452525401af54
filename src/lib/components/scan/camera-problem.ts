/** Why the camera could not be opened, as a person can act on it. */
export type CameraProblem = 'insecure' | 'denied' | 'no-camera' | 'busy' | 'failed';

/**
 * Names the problem behind a failed getUserMedia. Errors are matched by their DOMException name,
 * which is what browsers agree on; messages differ between browsers and languages.
 */
export function cameraProblem(error: unknown): CameraProblem {
	const name = error instanceof Error || error instanceof DOMException ? error.name : '';
	switch (name) {
		case 'NotAllowedError':
		case 'SecurityError':
			return 'denied';
		case 'NotFoundError':
		case 'DevicesNotFoundError':
			return 'no-camera';
		case 'NotReadableError':
		case 'TrackStartError':
		case 'AbortError':
			return 'busy';
		default:
			return 'failed';
	}
}

/** A problem known before asking: browsers offer cameras only to pages on https or localhost. */
export function cameraUnavailable(
	scope: Pick<typeof globalThis, 'isSecureContext' | 'navigator'>
): CameraProblem | null {
	if (!scope.isSecureContext) return 'insecure';
	// Older browsers and some in-app web views have no mediaDevices at all.
	if (typeof scope.navigator.mediaDevices?.getUserMedia !== 'function') return 'no-camera';
	return null;
}
