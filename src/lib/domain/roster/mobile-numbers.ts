import { toHalfWidth } from './roster-columns';

const MOBILE = /^1[3-9]\d{9}$/;

/**
 * A mainland mobile number as typed into a spreadsheet: full-width digits, spaces and dashes
 * between groups and a +86/0086/86 prefix are forgiven. Null when it is no mobile number.
 */
export function normalizeMobile(raw: string): string | null {
	const compact = toHalfWidth(raw).replace(/[\s\-()]/g, '');
	const digits = compact.replace(/^(\+86|0086|86)(?=\d{11}$)/, '');
	return MOBILE.test(digits) ? digits : null;
}

/** 138****5678: enough for the person to recognise their own number, no more. */
export function maskMobile(mobile: string): string {
	if (mobile.length < 8) return '*'.repeat(mobile.length);
	return `${mobile.slice(0, 3)}${'*'.repeat(mobile.length - 7)}${mobile.slice(-4)}`;
}
