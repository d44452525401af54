import { addMessages } from '$lib/i18n/i18n.svelte';
import { storiesEn } from '$lib/i18n/parts/stories.en';
import { storiesZh } from '$lib/i18n/parts/stories.zh-CN';

/** The stories screens, in the app and on the public page, bring their messages when they load. */
export function addStoryMessages(): void {
	addMessages({ 'zh-CN': storiesZh, en: storiesEn });
}
