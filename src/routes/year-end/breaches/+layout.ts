import { addMessages } from '$lib/i18n/i18n.svelte';
import { conductEn } from '$lib/i18n/parts/conduct.en';
import { conductZh } from '$lib/i18n/parts/conduct.zh-CN';

// The breach screens bring their messages with them, not with the shell.
addMessages({ 'zh-CN': conductZh, en: conductEn });
