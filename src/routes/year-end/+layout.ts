import { addMessages } from '$lib/i18n/i18n.svelte';
import { yearEndEn } from '$lib/i18n/parts/year-end.en';
import { yearEndZh } from '$lib/i18n/parts/year-end.zh-CN';

// The year-end screens bring the hub's messages; each screen below adds its own part.
addMessages({ 'zh-CN': yearEndZh, en: yearEndEn });
