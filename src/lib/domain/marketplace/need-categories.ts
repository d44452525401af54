/**
 * What a resident's need is about, as staff record it: stable codes so that screens label them in
 * either language and members' skills can be matched against them.
 */
export const NEED_CATEGORIES = [
	'repair',
	'elderly-care',
	'health',
	'legal',
	'study',
	'environment',
	'errands',
	'other'
] as const;

export type NeedCategory = (typeof NEED_CATEGORIES)[number];

export function isNeedCategory(value: string): value is NeedCategory {
	return (NEED_CATEGORIES as readonly string[]).includes(value);
}
