import type { ScanFeedback } from './scan-feedback';

/** One beep: a pitch held for a while, starting `delay` seconds from now. */
type Beep = { hertz: number; seconds: number; delay: number };

// Accepted: one short high beep. Refused: two low buzzes, told apart without looking.
const BEEPS: Record<ScanFeedback['tone'], { wave: OscillatorType; beeps: Beep[] }> = {
	ok: { wave: 'sine', beeps: [{ hertz: 1320, seconds: 0.12, delay: 0 }] },
	error: {
		wave: 'square',
		beeps: [
			{ hertz: 220, seconds: 0.15, delay: 0 },
			{ hertz: 220, seconds: 0.15, delay: 0.22 }
		]
	}
};
const VIBRATION: Record<ScanFeedback['tone'], number | number[]> = {
	ok: 80,
	error: [120, 80, 120]
};

// One context for the page: browsers limit how many may exist, and it is only allowed to sound
// once the person has interacted with the page (tapping through to the scanning screen counts).
let audio: AudioContext | null = null;

/** Lets the person hear and feel the answer to a scan, so a kiosk need not be watched. */
export function signalScan(tone: ScanFeedback['tone']): void {
	navigator.vibrate?.(VIBRATION[tone]);
	if (typeof AudioContext === 'undefined') return;
	audio ??= new AudioContext();
	if (audio.state === 'suspended') void audio.resume().catch(() => {});
	const { wave, beeps } = BEEPS[tone];
	for (const { hertz, seconds, delay } of beeps) {
		const start = audio.currentTime + delay;
		const oscillator = new OscillatorNode(audio, { type: wave, frequency: hertz });
		const gain = new GainNode(audio, { gain: 0.2 });
		// A short fade-out avoids the click of a wave cut off mid-swing.
		gain.gain.setValueAtTime(0.2, start + seconds - 0.02);
		gain.gain.linearRampToValueAtTime(0, start + seconds);
		oscillator.connect(gain).connect(audio.destination);
		oscillator.start(start);
		oscillator.stop(start + seconds);
	}
}
