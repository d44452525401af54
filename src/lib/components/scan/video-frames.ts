/**
 * Copies the video's current picture at its real resolution, as RGBA pixels, or answers null
 * while the video has no picture yet. One canvas serves every frame; the browser keeps it in
 * memory it can read back quickly.
 */
export function frameGrabber(video: HTMLVideoElement): () => ImageData | null {
	let context: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null = null;
	return () => {
		const { videoWidth: width, videoHeight: height } = video;
		if (width === 0 || height === 0 || video.readyState < video.HAVE_CURRENT_DATA) return null;
		if (!context || context.canvas.width !== width || context.canvas.height !== height) {
			const canvas =
				typeof OffscreenCanvas === 'function'
					? new OffscreenCanvas(width, height)
					: Object.assign(document.createElement('canvas'), { width, height });
			context = canvas.getContext('2d', { willReadFrequently: true });
			if (!context) return null;
		}
		context.drawImage(video, 0, 0, width, height);
		return context.getImageData(0, 0, width, height);
	};
}

/**
 * Calls `tick` when the video shows its next frame, where the browser tells (no frame is read
 * twice, and none while the video is paused or hidden), otherwise at the next screen refresh.
 */
export function atNextVideoFrame(video: HTMLVideoElement, tick: () => void): () => void {
	if (typeof video.requestVideoFrameCallback === 'function') {
		const handle = video.requestVideoFrameCallback(() => tick());
		return () => video.cancelVideoFrameCallback(handle);
	}
	const handle = requestAnimationFrame(() => tick());
	return () => cancelAnimationFrame(handle);
}
