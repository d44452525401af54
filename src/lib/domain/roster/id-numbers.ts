import { toHalfWidth } from './roster-columns';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

function validBirthDate(id: string): boolean {
	const year = Number(id.slice(6, 10));
	const month = Number(id.slice(10, 12));
	const day = Number(id.slice(12, 14));
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		year >= 1900 &&
		date.getUTCFullYear() === year &&
		date.getUTCMonth() === month - 1 &&
		date.getUTCDate() === day
	);
}

/**
 * A resident ID number (GB 11643-1999): 18 characters, a real birth date and the right check
 * character, X upper case. Full-width characters and spaces are forgiven; null when invalid.
 */
export function normalizeIdNumber(raw: string): string | null {
	const id = toHalfWidth(raw).replace(/\s+/g, '').toUpperCase();
	if (!/^\d{17}[\dX]$/.test(id) || !validBirthDate(id)) return null;
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += Number(id[i]) * (WEIGHTS[i] ?? 0);
	return CHECK_CHARACTERS[sum % 11] === id[17] ? id : null;
}

/** 6523**********1234: the region and the last four only. */
export function maskIdNumber(id: string): string {
	if (id.length < 10) return '*'.repeat(id.length);
	return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}
