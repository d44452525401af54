import { describe, expect, it } from 'vitest';
import { cameraConstraints, IDEAL_FRAME, torchOf } from './camera-stream';

describe('cameraConstraints', () => {
	it('asks for the back camera at a high resolution', () => {
		expect(cameraConstraints()).toEqual({
			audio: false,
			video: {
				facingMode: { ideal: 'environment' },
				width: { ideal: 1920 },
				height: { ideal: 1080 }
			}
		});
		expect(IDEAL_FRAME).toEqual({ width: 1920, height: 1080 });
	});

	it('asks for the picked camera exactly, at the same resolution', () => {
		expect(cameraConstraints('cam-2').video).toEqual({
			deviceId: { exact: 'cam-2' },
			width: { ideal: 1920 },
			height: { ideal: 1080 }
		});
	});
});

describe('torchOf', () => {
	/** A track with the given capabilities that records the constraints applied to it. */
	function track(capabilities: object | undefined) {
		const applied: unknown[] = [];
		const fake = {
			getCapabilities: capabilities === undefined ? undefined : () => capabilities,
			applyConstraints: (constraints: unknown) => {
				applied.push(constraints);
				return Promise.resolve();
			}
		};
		return { track: fake as unknown as MediaStreamTrack, applied };
	}

	it('lights the torch through the track where the camera has one', async () => {
		const { track: withTorch, applied } = track({ torch: true });
		await torchOf(withTorch)?.(true);
		expect(applied).toEqual([{ advanced: [{ torch: true }] }]);
	});

	it('offers no torch where the camera or the browser has none', () => {
		expect(torchOf(track({}).track)).toBeNull();
		expect(torchOf(track(undefined).track)).toBeNull();
	});
});
