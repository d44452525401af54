import { describe, expect, it } from 'vitest';
import {
	ACCEPTED_WINDOW_DRIFT,
	activityCodeFor,
	checkActivityCode,
	CODE_WINDOW_MS,
	codeWindowAt,
	readActivityCode,
	windowEndsAt
} from './activity-code';
import { newKeyPair, publicKeyOf } from './ed25519-signing';

const SECRET = '833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42';
const activity = { id: 'act-mr8x2k4q1z', publicKey: publicKeyOf(SECRET) ?? '' };

/** 2026-06-01 12:00 in Shanghai: exactly the start of a window. */
const NOON = new Date('2026-06-01T04:00:00.000Z');
const WINDOW = codeWindowAt(NOON);
const at = (offsetMs: number) => new Date(NOON.getTime() + offsetMs);

describe('code windows', () => {
	it('are 30 seconds long, counted from the epoch', () => {
		expect(CODE_WINDOW_MS).toBe(30_000);
		expect(codeWindowAt(0)).toBe(0);
		expect(codeWindowAt(29_999)).toBe(0);
		expect(codeWindowAt(30_000)).toBe(1);
		expect(WINDOW).toBe(NOON.getTime() / 30_000);
	});

	it('change exactly on the boundary, for dates and numbers alike', () => {
		expect(codeWindowAt(at(-1))).toBe(WINDOW - 1);
		expect(codeWindowAt(at(0))).toBe(WINDOW);
		expect(codeWindowAt(at(29_999))).toBe(WINDOW);
		expect(codeWindowAt(at(30_000))).toBe(WINDOW + 1);
		expect(codeWindowAt(NOON.getTime() + 29_999)).toBe(WINDOW);
	});

	it('end when the next one begins', () => {
		expect(windowEndsAt(0)).toBe(30_000);
		expect(windowEndsAt(WINDOW)).toBe(NOON.getTime() + 30_000);
		expect(codeWindowAt(windowEndsAt(WINDOW))).toBe(WINDOW + 1);
		expect(codeWindowAt(windowEndsAt(WINDOW) - 1)).toBe(WINDOW);
	});
});

describe('activityCodeFor and readActivityCode', () => {
	const code = activityCodeFor(activity.id, WINDOW, SECRET);

	it('writes A1~<activity>~<window>~<signature>', () => {
		expect(code).toMatch(/^A1~act-mr8x2k4q1z~\d+~[A-Za-z0-9_-]{86}$/);
		expect(code.split('~')[2]).toBe(String(WINDOW));
	});

	it('signs deterministically: the same code for the same window', () => {
		expect(activityCodeFor(activity.id, WINDOW, SECRET)).toBe(code);
		expect(activityCodeFor(activity.id, WINDOW + 1, SECRET)).not.toBe(code);
	});

	it('reads back what it wrote', () => {
		expect(readActivityCode(code)).toEqual({
			activityId: activity.id,
			window: WINDOW,
			signed: `A1~${activity.id}~${WINDOW}`,
			signature: code.split('~')[3]
		});
		expect(readActivityCode(`  ${code}\n`)?.window).toBe(WINDOW);
	});
});

describe('checkActivityCode', () => {
	const codeOf = (window: number) => activityCodeFor(activity.id, window, SECRET);

	it.each([-1, 0, 1])('accepts a code %i window(s) from the scanner’s own', (drift) => {
		expect(checkActivityCode(codeOf(WINDOW + drift), activity, NOON)).toBeNull();
	});

	it('accepts up to one window of drift either side', () => {
		expect(ACCEPTED_WINDOW_DRIFT).toBe(1);
	});

	it('refuses a code two windows old as expired (a photo of an earlier code)', () => {
		expect(checkActivityCode(codeOf(WINDOW - 2), activity, NOON)).toBe('expired');
		expect(checkActivityCode(codeOf(WINDOW - 120), activity, NOON)).toBe('expired');
		expect(checkActivityCode(codeOf(0), activity, NOON)).toBe('expired');
	});

	it('refuses a code two windows ahead as from the future', () => {
		expect(checkActivityCode(codeOf(WINDOW + 2), activity, NOON)).toBe('future');
		expect(checkActivityCode(codeOf(WINDOW + 10_000), activity, NOON)).toBe('future');
	});

	it('judges drift by the scanner’s window, so a millisecond decides at the boundary', () => {
		const previous = codeOf(WINDOW - 1);
		// Scanned in the last millisecond of the next window: still one window of drift.
		expect(checkActivityCode(previous, activity, at(29_999))).toBeNull();
		// One millisecond later the scanner is two windows on.
		expect(checkActivityCode(previous, activity, at(30_000))).toBe('expired');
		const next = codeOf(WINDOW + 1);
		expect(checkActivityCode(next, activity, at(-1))).toBe('future');
		expect(checkActivityCode(next, activity, at(0))).toBeNull();
	});

	it('refuses a code of another activity before looking at its signature', () => {
		const other = activityCodeFor('act-other', WINDOW, SECRET);
		expect(checkActivityCode(other, activity, NOON)).toBe('other-activity');
		const foreign = activityCodeFor('act-other', WINDOW, newKeyPair().secretKey);
		expect(checkActivityCode(foreign, activity, NOON)).toBe('other-activity');
	});

	it('refuses a code signed with another key', () => {
		const forged = activityCodeFor(activity.id, WINDOW, newKeyPair().secretKey);
		expect(checkActivityCode(forged, activity, NOON)).toBe('signature');
	});

	it('refuses a code whose window was changed after signing', () => {
		const [prefix, id, , signature] = codeOf(WINDOW - 10).split('~');
		const moved = [prefix, id, String(WINDOW), signature].join('~');
		expect(checkActivityCode(moved, activity, NOON)).toBe('signature');
		const padded = [prefix, id, `0${WINDOW}`, codeOf(WINDOW).split('~')[3]].join('~');
		expect(checkActivityCode(padded, activity, NOON)).toBe('signature');
	});

	it('refuses a truncated signature', () => {
		expect(checkActivityCode(codeOf(WINDOW).slice(0, -1), activity, NOON)).toBe('signature');
		expect(checkActivityCode(`${codeOf(WINDOW)}A`, activity, NOON)).toBe('signature');
	});

	it('refuses a code when the activity’s public key is not a key', () => {
		expect(checkActivityCode(codeOf(WINDOW), { ...activity, publicKey: '' }, NOON)).toBe(
			'signature'
		);
	});

	it.each([
		['empty', ''],
		['three parts', `A1~${activity.id}~${WINDOW}`],
		['five parts', `A1~${activity.id}~${WINDOW}~sig~x`],
		['another prefix', `A2~${activity.id}~${WINDOW}~sig`],
		['a badge prefix', `B1~${activity.id}~${WINDOW}~sig`],
		['a non-numeric window', `A1~${activity.id}~abc~sig`],
		['a negative window', `A1~${activity.id}~-5~sig`],
		['a fractional window', `A1~${activity.id}~5.5~sig`],
		['an empty window', `A1~${activity.id}~~sig`],
		['a window of 13 digits', `A1~${activity.id}~1234567890123~sig`],
		['an empty activity id', `A1~~${WINDOW}~sig`],
		['an activity id starting with a dash', `A1~-act~${WINDOW}~sig`],
		['an activity id with a space', `A1~act 1~${WINDOW}~sig`],
		['a URL', 'https://example.com/a?code=1']
	])('refuses a code with %s as malformed', (_, text) => {
		expect(readActivityCode(text)).toBeNull();
		expect(checkActivityCode(text, activity, NOON)).toBe('malformed');
	});
});
