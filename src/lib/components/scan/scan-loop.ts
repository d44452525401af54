import { ChecksumException, FormatException, NotFoundException } from '@zxing/library';

/**
 * Whether an error from a decoding attempt ends zxing's scan loop. zxing retries only when a frame
 * holds no readable code; any other error (e.g. a frame drawn before the video knew its size, on a
 * busy device) stops the loop silently and releases the camera, so the scanner must start again.
 */
export function endsScanLoop(error: unknown): boolean {
	return !(
		error instanceof NotFoundException ||
		error instanceof ChecksumException ||
		error instanceof FormatException
	);
}
