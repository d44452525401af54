import { addMessages } from '$lib/i18n/i18n.svelte';
import { awardsEn } from '$lib/i18n/parts/awards.en';
import { awardsZh } from '$lib/i18n/parts/awards.zh-CN';
import { pointsEn } from '$lib/i18n/parts/points.en';
import { pointsZh } from '$lib/i18n/parts/points.zh-CN';

/** The award screens and the public notice bring their messages (and the grades' words) with them. */
export function addAwardMessages(): void {
	addMessages({ 'zh-CN': { ...awardsZh, ...pointsZh }, en: { ...awardsEn, ...pointsEn } });
}
