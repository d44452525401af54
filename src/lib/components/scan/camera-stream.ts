/**
 * The camera, opened for scanning. The scanner drives the camera itself rather than through
 * @zxing/browser: that library decodes only with @zxing/library's reader on its own timer, and
 * what else it offered (asking for the stream, listing cameras, the torch) is a few lines of the
 * browser's own API.
 */

/**
 * A resolution high enough that a code held at arm's length still has two or more pixels per
 * module; cameras that cannot deliver it give their nearest.
 */
export const IDEAL_FRAME = { width: 1920, height: 1080 } as const;

/** What the scanner asks for: the back camera by facing mode, or the device the person picked. */
export function cameraConstraints(deviceId?: string): MediaStreamConstraints {
	const size = { width: { ideal: IDEAL_FRAME.width }, height: { ideal: IDEAL_FRAME.height } };
	return {
		audio: false,
		video: deviceId
			? { deviceId: { exact: deviceId }, ...size }
			: { facingMode: { ideal: 'environment' }, ...size }
	};
}

export async function listCameras(): Promise<MediaDeviceInfo[]> {
	const devices = await navigator.mediaDevices.enumerateDevices();
	return devices.filter((device) => device.kind === 'videoinput');
}

/** Stops every track, so the camera's light goes off. */
export function releaseStream(stream: MediaStream): void {
	for (const track of stream.getTracks()) track.stop();
}

// Not yet in TypeScript's DOM types: the torch of the Image Capture spec, where browsers offer it.
type WithTorch<T> = T & { torch?: boolean };

/** Switches the torch of `track`, or null when the camera has none the browser can light. */
export function torchOf(track: MediaStreamTrack): ((on: boolean) => Promise<void>) | null {
	const capabilities: WithTorch<MediaTrackCapabilities> = track.getCapabilities?.() ?? {};
	if (!capabilities.torch) return null;
	return (on) =>
		track.applyConstraints({ advanced: [{ torch: on } as WithTorch<MediaTrackConstraintSet>] });
}
