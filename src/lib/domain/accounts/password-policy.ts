/**
 * The password policy for a government system (issue 19): long enough, several kinds of
 * characters, nothing about the person and not a well-known password. Checked in the browser for
 * live feedback and again on the server, which decides.
 */
export type PasswordProblem =
	'too-short' | 'too-long' | 'too-few-kinds' | 'contains-username' | 'contains-mobile' | 'common';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;
/** Of lower-case letters, upper-case letters, digits and anything else. */
export const MIN_CHARACTER_KINDS = 3;

export interface PasswordOwner {
	username: string;
	mobile?: string;
	displayName?: string;
}

/**
 * Words and runs found at the top of every leaked-password list, and Chinese favourites in pinyin;
 * a password is common when, stripped of digits and symbols around it, it is one of them or it
 * holds a run.
 */
const COMMON_WORDS = new Set([
	'password',
	'passw0rd',
	'admin',
	'administrator',
	'welcome',
	'iloveyou',
	'woaini',
	'woaiwojia',
	'baodao',
	'shuangbaodao',
	'dangyuan',
	'zhongguo',
	'china',
	'qwerty',
	'qwertyuiop',
	'asdfgh',
	'asdfghjkl',
	'zxcvbnm',
	'abc',
	'abcd',
	'abcdef',
	'letmein',
	'monkey',
	'dragon',
	'master',
	'sunshine',
	'princess',
	'football',
	'superman',
	'changeme',
	'test',
	'guest',
	'root',
	'user'
]);

const RUNS = [
	'0123456789',
	'9876543210',
	'abcdefghijklmnopqrstuvwxyz',
	'qwertyuiop',
	'asdfghjkl',
	'zxcvbnm',
	'1qaz2wsx',
	'qazwsx'
];

/** Six characters of a run or of one repeated character already make a password guessable. */
const RUN_LENGTH = 6;

function characterKinds(password: string): number {
	const kinds = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u];
	return kinds.filter((kind) => kind.test(password)).length;
}

function holdsRun(lower: string): boolean {
	if (new RegExp(`(.)\\1{${RUN_LENGTH - 1}}`, 'u').test(lower)) return true;
	return RUNS.some((run) => {
		for (let start = 0; start + RUN_LENGTH <= run.length; start++) {
			if (lower.includes(run.slice(start, start + RUN_LENGTH))) return true;
		}
		return false;
	});
}

function isCommon(lower: string): boolean {
	const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
	return COMMON_WORDS.has(core) || holdsRun(lower);
}

/** The last eight digits of a mobile: enough to recognise it inside a password. */
function mobileTail(mobile: string | undefined): string | null {
	const digits = (mobile ?? '').replace(/\D/g, '');
	return digits.length >= 8 ? digits.slice(-8) : null;
}

/** What is wrong with `password` as a new password of `who`; empty when it may be used. */
export function checkNewPassword(password: string, who: PasswordOwner): PasswordProblem[] {
	const problems: PasswordProblem[] = [];
	const length = [...password].length;
	if (length < MIN_PASSWORD_LENGTH) problems.push('too-short');
	if (length > MAX_PASSWORD_LENGTH) problems.push('too-long');
	if (characterKinds(password) < MIN_CHARACTER_KINDS) problems.push('too-few-kinds');
	const lower = password.normalize('NFKC').toLowerCase();
	const username = who.username.trim().toLowerCase();
	const name = (who.displayName ?? '').trim().toLowerCase();
	// Short names (two characters of a Chinese name) would refuse too much by chance.
	if (
		(username.length >= 3 && lower.includes(username)) ||
		(name.length >= 2 && lower.includes(name))
	)
		problems.push('contains-username');
	const tail = mobileTail(who.mobile);
	if (tail && lower.replace(/\D/g, '').includes(tail)) problems.push('contains-mobile');
	if (isCommon(lower)) problems.push('common');
	return problems;
}
