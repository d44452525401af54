import { addMessages } from '$lib/i18n/i18n.svelte';
import { rosterEn } from '$lib/i18n/parts/roster.en';
import { rosterZh } from '$lib/i18n/parts/roster.zh-CN';
import { rosterProblemsEn } from '$lib/i18n/parts/roster-problems.en';
import { rosterProblemsZh } from '$lib/i18n/parts/roster-problems.zh-CN';

// Roster import, export and activation slips bring their messages, and the file problems'
// wording, with these screens.
addMessages({
	'zh-CN': { ...rosterZh, ...rosterProblemsZh },
	en: { ...rosterEn, ...rosterProblemsEn }
});
