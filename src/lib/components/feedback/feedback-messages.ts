import { addMessages } from '$lib/i18n/i18n.svelte';
import { feedbackEn } from '$lib/i18n/parts/feedback.en';
import { feedbackZh } from '$lib/i18n/parts/feedback.zh-CN';
import { pointsEn } from '$lib/i18n/parts/points.en';
import { pointsZh } from '$lib/i18n/parts/points.zh-CN';

/** The feedback screen brings its messages and the grades' words when it loads. */
export function addFeedbackMessages(): void {
	addMessages({ 'zh-CN': { ...feedbackZh, ...pointsZh }, en: { ...feedbackEn, ...pointsEn } });
}
