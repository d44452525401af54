/**
 * How personal data appears in lists (PIPL): a mobile number keeps its first three and last four
 * digits, enough to tell people apart and too little to call them.
 */
export function maskPhone(phone: string): string {
	// At least four digits stay hidden: a 7-digit number "masked" 3 + 4 would be shown whole.
	if (phone.length >= 11) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
	return phone.length >= 6 ? `****${phone.slice(-2)}` : '****';
}

/** Mainland mobile numbers as the contacts schema accepts them. */
export const MOBILE_PATTERN = /^1[3-9][0-9]{9}$/;

/** The digits of a number as people type it: with spaces, dashes or a +86 prefix. */
export function normalizeMobile(input: string): string {
	const digits = input.replace(/[\s-]/g, '');
	return digits.startsWith('+86') ? digits.slice(3) : digits;
}

export function isMobile(input: string): boolean {
	return MOBILE_PATTERN.test(normalizeMobile(input));
}
