import type { CorpusRandom } from './corpus-random';
import type { GreyImage } from './grey-image';

/** A sensor's read noise: independent Gaussian noise of `sigma` grey levels on every pixel. */
export function addSensorNoise(image: GreyImage, sigma: number, random: CorpusRandom): void {
	for (let i = 0; i < image.data.length; i++) {
		image.data[i] = (image.data[i] ?? 0) + random.gaussian(sigma);
	}
}
